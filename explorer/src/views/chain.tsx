import { ChainExportDocument, IndustriesDocument, IndustryChainDocument, type ChainGapKind, type IndustryChainQuery } from '../generated/graphql';
import { execute, operation } from '../api/client';
import { useQuery } from '../api/use-query';
import { currentLocale, enumLabel, t } from '../i18n/i18n';
import { entityHref, href, navigate, useLocation } from '../router';
import { Empty, Link, QueryView, formatScore } from '../components/ui';
import { OperationTools } from '../components/toolbar';
import { ReasonItem } from '../components/matches';

type Segment = IndustryChainQuery['industryChain']['segments'][number];

/** Gap kinds from the most to the least severe: the colour of a segment is that of its worst gap. */
export const GAP_ORDER: ChainGapKind[] = ['NO_ENTERPRISE', 'NO_RD_PARTNER', 'NO_PLATFORM', 'NO_EXPERT', 'STALE', 'WEAK'];

function worstGap(segment: Segment): ChainGapKind | null {
  return GAP_ORDER.find((kind) => segment.gaps.some((gap) => gap.kind === kind)) ?? null;
}

function SegmentCard({ segment }: { segment: Segment }) {
  const worst = worstGap(segment);
  const support = segment.support;
  return (
    <li class={`segment card severity-${worst ?? 'NONE'}`} data-segment={segment.segment.name}>
      <h3>
        <Link href={entityHref(segment.segment.id)}>{segment.segment.name}</Link>
      </h3>
      <p class="muted">{enumLabel(segment.segment.position)}</p>
      {segment.downstream.length > 0 && <p class="flow">{t('chain.downstreamOf', { names: segment.downstream.map((item) => item.name).join('、') })}</p>}
      <dl class="support" aria-label={t('chain.support')}>
        <div>
          <dt>{t('chain.localEnterprises')}</dt>
          <dd>{support.localEnterprises}</dd>
        </div>
        <div>
          <dt>{t('chain.rdPartners')}</dt>
          <dd>{support.rdPartners}</dd>
        </div>
        <div>
          <dt>{t('chain.platforms')}</dt>
          <dd>{support.platforms}</dd>
        </div>
        <div>
          <dt>{t('chain.experts')}</dt>
          <dd>{support.experts}</dd>
        </div>
        <div>
          <dt>{t('chain.recentProjects')}</dt>
          <dd>{support.recentProjects}</dd>
        </div>
      </dl>
      {support.lastProjectYear !== null && <p class="muted">{t('chain.lastProjectYear', { year: support.lastProjectYear })}</p>}
      {segment.gaps.length === 0 ? (
        <p class="gap-none">{t('chain.noGap')}</p>
      ) : (
        <ul class="gaps">
          {segment.gaps.map((gap) => (
            <li key={gap.kind} class="gap" data-gap={gap.kind}>
              <span class={`gap-badge gap-${gap.kind}`}>{enumLabel(gap.kind)}</span>
              <span class="gap-reason">{currentLocale() === 'zh' ? gap.reason : gap.reasonEnglish}</span>
              <details>
                <summary>
                  {t('chain.candidates')}（{gap.candidates.length}）
                </summary>
                {gap.candidates.length === 0 ? (
                  <p class="muted">{t('chain.noCandidates')}</p>
                ) : (
                  <ol class="candidates">
                    {gap.candidates.map((candidate) => (
                      <li key={candidate.actor.id} class="candidate">
                        <Link href={entityHref(candidate.actor.id)}>{candidate.label}</Link> <span class="score">{formatScore(candidate.score)}</span>
                        {candidate.local && <span class="badge badge-local">{t('chain.local')}</span>}
                        <ul class="reasons compact">
                          {candidate.reasons.map((reason) => (
                            <ReasonItem key={reason.kind} reason={reason} />
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ol>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ChainColumns({ chain }: { chain: IndustryChainQuery['industryChain'] }) {
  const depths = [...new Set(chain.segments.map((segment) => segment.depth))].sort((a, b) => a - b);
  return (
    <div class="chain" aria-label={t('chain.flow')}>
      {depths.map((depth) => (
        <ol key={depth} class="chain-column" aria-label={`${t('chain.flow')} ${depth + 1}`}>
          {chain.segments
            .filter((segment) => segment.depth === depth)
            .sort((a, b) => a.segment.order - b.segment.order)
            .map((segment) => (
              <SegmentCard key={segment.segment.id} segment={segment} />
            ))}
        </ol>
      ))}
    </div>
  );
}

export function ChainView() {
  const { params } = useLocation();
  const industry = params.get('industry') ?? '';
  const industries = useQuery(IndustriesDocument, {});
  const variables = { industry, candidates: 3 };
  const state = useQuery(IndustryChainDocument, variables, industry !== '');
  return (
    <section aria-labelledby="chain-title">
      <h1 id="chain-title">{t('chain.title')}</h1>
      <div class="field inline">
        <label for="chain-industry">{t('chain.industry')}</label>
        <select id="chain-industry" value={industry} onChange={(event) => navigate(href('/chain', { industry: event.currentTarget.value }))}>
          <option value="">{t('chain.choose')}</option>
          {industries.status === 'success' &&
            industries.data.industries.nodes.map((node) => (
              <option key={node.id} value={node.id}>
                {node.name}
                {node.cluster ? `（${node.cluster.name}）` : ''}
              </option>
            ))}
        </select>
      </div>
      <ul class="legend gap-legend" aria-label={t('chain.legend')}>
        {GAP_ORDER.map((kind) => (
          <li key={kind}>
            <span class={`gap-badge gap-${kind}`}>{enumLabel(kind)}</span>
          </li>
        ))}
      </ul>
      {industry === '' && <Empty>{t('chain.prompt')}</Empty>}
      <QueryView state={state}>
        {(data) => (
          <>
            <div class="result-head">
              <p class="count" role="status">
                {data.industryChain.industry.name} · {data.industryChain.county.name} · {data.industryChain.asOfYear} · {t('chain.gaps', { count: data.industryChain.segments.reduce((sum, segment) => sum + segment.gaps.length, 0) })}
              </p>
              <OperationTools
                request={operation(IndustryChainDocument, variables)}
                filename={`chain-${data.industryChain.industry.name}`}
                exporter={async (format) => (await execute(ChainExportDocument, { industry, format })).industryChain.export}
              />
            </div>
            <ChainColumns chain={data.industryChain} />
          </>
        )}
      </QueryView>
    </section>
  );
}
