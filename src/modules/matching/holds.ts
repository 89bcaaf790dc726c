/** A need topic's holders as the matcher reads them (live, or from the holder store). */

/**
 * How a candidate holds a topic — the capability rule, one definition for matching, chain support and gap candidates:
 * its own expertise (experts) or declared focus (organisations); the expertise of the experts affiliated with it
 * (`staff` for organisations, `members` for platforms); projects on the topic it led or joined; patents on it it owns
 * or invented; for an enterprise, the topics required by the chain segments it works in; for a platform, the topics
 * required by the chains of the industries it serves.
 */
export type HoldVia = 'expertise' | 'focus' | 'staff' | 'members' | 'led' | 'joined' | 'patent' | 'segment' | 'serves';

/** A candidate's hold on one need topic: the topic it holds, how that relates to the need's, and how strongly. */
export interface TopicHold {
  candidateId: string;
  needTopicId: string;
  heldTopicId: string;
  /** Steps down (held topic narrower than the need's) or up (broader); 0 and 0 for the same topic; 1 and 1 for a sibling (same broader topic). */
  down: number;
  up: number;
  /** Expertise level (of the expert, or of the organisation's affiliated expert); null otherwise. */
  level: string | null;
  via: HoldVia;
  /** The evidence behind an indirect hold: the affiliated expert, the project, the patent or the chain segment (id and name); null otherwise. */
  viaId?: string | null;
  viaName?: string | null;
  /** For staff and members: whether it is the expert's primary affiliation. */
  primary?: boolean | null;
  /** For projects and patents: the start, grant or filing year. */
  year?: number | null;
  /** The candidate's kinds among those asked for (University, Enterprise, Expert …). */
  kinds: string[];
}
