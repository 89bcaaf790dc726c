import type { MatchPartsFragment, ReasonPartsFragment } from '../generated/graphql';
import { currentLocale, enumLabel, t } from '../i18n/i18n';
import { entityHref } from '../router';
import { entityName } from './entity';
import { Link, formatScore } from './ui';

type Match = MatchPartsFragment['matches']['nodes'][number];

/** A reason as every list shows it; the evidence (projects, patents, path) is there when the operation asked for it. */
type ReasonView = Pick<ReasonPartsFragment, 'kind' | 'contribution' | 'summary' | 'summaryEn'> & Partial<Pick<ReasonPartsFragment, 'projects' | 'patents' | 'path'>>;

function ReasonEvidence({ projects, patents, path }: Pick<ReasonPartsFragment, 'projects' | 'patents' | 'path'>) {
  const reason = { projects, patents, path };
  const hasEvidence = reason.projects.length > 0 || reason.patents.length > 0 || reason.path.length > 1;
  if (!hasEvidence) return null;
  return (
    <div class="evidence">
      {reason.projects.length > 0 && (
        <p>
          <span class="muted">{t('match.projects')}：</span>
          {reason.projects.map((project, index) => (
            <span key={project.id}>
              {index > 0 && '、'}
              <Link href={entityHref(project.id)}>{project.name}</Link>
            </span>
          ))}
        </p>
      )}
      {reason.patents.length > 0 && (
        <p>
          <span class="muted">{t('match.patents')}：</span>
          {reason.patents.map((patent, index) => (
            <span key={patent.id}>
              {index > 0 && '、'}
              <Link href={entityHref(patent.id)}>{patent.title}</Link>
            </span>
          ))}
        </p>
      )}
      {reason.path.length > 1 && (
        <p class="path">
          <span class="muted">{t('match.path')}：</span>
          {reason.path.map((step, index) => (
            <span key={`${step.id}-${index}`}>
              {index > 0 && ' → '}
              <Link href={entityHref(step.id)}>{entityName(step)}</Link>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** One reason of a score: its kind, how much it adds, what it says, and the evidence behind it. */
export function ReasonItem({ reason }: { reason: ReasonView }) {
  return (
    <li class="reason" data-reason-kind={reason.kind}>
      <div class="reason-head">
        <span class="reason-kind">{enumLabel(reason.kind)}</span>
        <span class="reason-bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, Math.round(reason.contribution * 100 * 1.5))}%` }} />
        </span>
        <span class="muted">{t('match.contribution', { value: formatScore(reason.contribution) })}</span>
      </div>
      <p class="reason-summary">{currentLocale() === 'zh' ? reason.summary : reason.summaryEn}</p>
      <ReasonEvidence projects={reason.projects ?? []} patents={reason.patents ?? []} path={reason.path ?? []} />
    </li>
  );
}

export function MatchCard({ match, rank }: { match: Match; rank: number }) {
  return (
    <li class="match card" data-testid="match">
      <div class="match-head">
        <span class="rank" aria-hidden="true">
          {rank}
        </span>
        <h3 class="match-label">
          <Link href={entityHref(match.candidate.id)}>{match.label}</Link>
        </h3>
        <span class="score" title={t('match.score', { score: formatScore(match.score) })}>
          {t('match.score', { score: formatScore(match.score) })}
        </span>
        {match.alreadyCooperating && (
          <span class="badge badge-cooperating" title={t('match.alreadyCooperatingHint')}>
            {t('match.alreadyCooperating')}
          </span>
        )}
        {match.possibleConflict && (
          <span class="badge badge-conflict" title={match.conflictReason ?? undefined}>
            {t('match.possibleConflict')}
          </span>
        )}
      </div>
      {match.possibleConflict && match.conflictReason && <p class="conflict-reason">{match.conflictReason}</p>}
      <details open={rank <= 3}>
        <summary>{t('match.reasons')}</summary>
        <ul class="reasons">
          {match.reasons.map((reason) => (
            <ReasonItem key={reason.kind} reason={reason} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function MatchList({ result }: { result: MatchPartsFragment }) {
  return (
    <ol class="matches">
      {result.matches.nodes.map((match, index) => (
        <MatchCard key={match.candidate.id} match={match} rank={index + 1} />
      ))}
    </ol>
  );
}

/** The topics a need was read as, each with where it came from. */
export function InterpretedTopics({ result }: { result: MatchPartsFragment }) {
  if (result.interpretedTopics.length === 0) return null;
  return (
    <p class="interpreted">
      <span class="muted">{t('experts.understood')}</span>{' '}
      {result.interpretedTopics.map((weighted) => (
        <span key={weighted.topic.id} class="chip" title={weighted.origin}>
          <Link href={entityHref(weighted.topic.id)}>{weighted.topic.name}</Link>
        </span>
      ))}
    </p>
  );
}
