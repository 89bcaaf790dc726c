import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/graphql-client.js';
import { toGlobalId } from '../../src/graphql/global-id.js';

/**
 * A chain's support is counted in the database and its member lists are loaded only when asked for: the two are
 * different queries, so every count must agree with the list it summarises, and a chain read for its counts and gaps
 * must not load the lists. Over the sample county (read-only), as of 2026.
 */
describe('chain support counts and lazily loaded member lists', () => {
  const suite = useTestService();

  const SUPPORT = `query ($id: ID!) { industryChain(industry: $id, asOfYear: 2026) { segments { segment { name }
      support { enterprises localEnterprises rdPartners researchOrganizations platforms experts localExperts projects recentProjects patents lastProjectYear }
      gaps { kind dimension } } } }`;
  const LISTS = `query ($id: ID!) { industryChain(industry: $id, asOfYear: 2026) { segments { segment { name }
      support { enterprises localEnterprises rdPartners researchOrganizations platforms experts localExperts projects recentProjects patents lastProjectYear }
      enterprises { local actor { ... on Enterprise { id } } } rdPartners { actor { ... on University { id } ... on ResearchInstitute { id } } }
      researchOrganizations { actor { ... on University { id } ... on ResearchInstitute { id } } } platforms { actor { ... on Platform { id } } }
      experts { local actor { ... on Expert { id } } } projects { id startYear } patents { id } } } }`;

  type Member = { local?: boolean; actor: { id?: string } };
  type Segment = {
    segment: { name: string };
    support: Record<string, number | null>;
    enterprises: Member[];
    rdPartners: Member[];
    researchOrganizations: Member[];
    platforms: Member[];
    experts: Member[];
    projects: Array<{ id: string; startYear: number | null }>;
    patents: Array<{ id: string }>;
  };

  const readsDuring = async (work: () => Promise<unknown>) => {
    let reads = 0;
    const stop = suite.database.onQuery((event) => {
      if (event.mode === 'READ') reads += 1;
    });
    try {
      await work();
    } finally {
      stop();
    }
    return reads;
  };

  it.each(['industry:laorou', 'industry:damuqi', 'industry:herbs', 'industry:mountain-chicken', 'industry:photovoltaic', 'industry:shale-ceramsite'])('counts in %s agree with the lists they summarise', async (industry) => {
    const result = await suite.service.query<{ industryChain: { segments: Segment[] } }>(LISTS, { id: toGlobalId('Industry', industry) });
    expect(result.errors).toBeUndefined();
    const segments = result.data!.industryChain.segments;
    expect(segments.length).toBeGreaterThanOrEqual(2); // every one of these industries has segments in the sample
    for (const { segment, support, ...lists } of segments) {
      const years = lists.projects.map((project) => project.startYear).filter((year): year is number => year !== null);
      expect({ segment: segment.name, ...support }).toEqual({
        segment: segment.name,
        enterprises: lists.enterprises.length,
        localEnterprises: lists.enterprises.filter((member) => member.local).length,
        rdPartners: lists.rdPartners.length,
        researchOrganizations: lists.researchOrganizations.length,
        platforms: lists.platforms.length,
        experts: lists.experts.length,
        localExperts: lists.experts.filter((member) => member.local).length,
        projects: lists.projects.length,
        recentProjects: years.filter((year) => year >= 2021).length,
        patents: lists.patents.length,
        lastProjectYear: years.length ? Math.max(...years) : null,
      });
      for (const list of [lists.enterprises, lists.experts, lists.platforms, lists.rdPartners, lists.researchOrganizations]) {
        expect(new Set(list.map((member) => member.actor.id)).size).toBe(list.length);
      }
    }
  });

  it('reads a chain for its counts and gaps without loading any member list, and loads each list once for the whole chain', async () => {
    const id = toGlobalId('Industry', 'industry:laorou');
    await suite.service.query(SUPPORT, { id }); // the default county and this chain's support are kept from here on
    // The industry by id and the segments with their topics: two round trips whatever the chain's size.
    expect(await readsDuring(() => suite.service.query(SUPPORT, { id }))).toBe(2);
    // Five member lists and the projects with the patents: one query each for all six segments.
    expect(await readsDuring(() => suite.service.query(LISTS, { id }))).toBe(2 + 6);
    // Any write through the database drops the kept support (and the default county): both are read again, the
    // support in its four parts (the industry, the segments, the county, then three parts every county shares and the
    // county's members: seven).
    await suite.database.write('RETURN 1 AS nothing');
    expect(await readsDuring(() => suite.service.query(SUPPORT, { id }))).toBe(7);
  });
});
