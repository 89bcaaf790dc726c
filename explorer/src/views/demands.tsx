import { DemandPageDocument, OpenDemandsDocument } from '../generated/graphql';
import { operation } from '../api/client';
import { useQuery } from '../api/use-query';
import { enumLabel, formatNumber, t } from '../i18n/i18n';
import { useLocation } from '../router';
import { Empty, EntityLink, Link, QueryView, ErrorMessage } from '../components/ui';
import { MatchList } from '../components/matches';
import { OperationTools } from '../components/toolbar';
import { useSession } from '../auth/session';
import { entityHref } from '../router';
import { RequestFailure } from '../api/client';

export function DemandsView() {
  const variables = { first: 50 };
  const state = useQuery(OpenDemandsDocument, variables);
  const { canEdit } = useSession();
  return (
    <section aria-labelledby="demands-title">
      <div class="title-row">
        <h1 id="demands-title">{t('demands.title')}</h1>
        {canEdit && (
          <Link href="/demands/new" class="button primary">
            {t('demands.new')}
          </Link>
        )}
      </div>
      <QueryView state={state}>
        {(data) => (
          <>
            <div class="result-head">
              <h2 class="count">{t('demands.open', { count: data.demands.totalCount })}</h2>
              <OperationTools request={operation(OpenDemandsDocument, variables)} />
            </div>
            {data.demands.nodes.length === 0 ? (
              <Empty>{t('demands.empty')}</Empty>
            ) : (
              <ul class="demands">
                {data.demands.nodes.map((demand) => (
                  <li key={demand.id} class="card demand" data-testid="demand">
                    <h3>
                      <Link href={`/demands/${encodeURIComponent(demand.id)}`}>{demand.title}</Link>
                    </h3>
                    <p>
                      <span class={`badge mode-${demand.mode}`}>{enumLabel(demand.mode)}</span> {t('fact.budget')} {formatNumber(demand.budget)} · {t('fact.postedOn')} {demand.postedOn}
                      {demand.deadline && ` · ${t('fact.deadline')} ${demand.deadline}`}
                    </p>
                    <p class="muted">
                      {demand.postedBy && `${t('demands.postedBy')}：${demand.postedBy.name}`}
                      {demand.requiredTopics.nodes.length > 0 && ` · ${t('demands.topics')}：${demand.requiredTopics.nodes.map((topic) => topic.name).join('、')}`}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

export function DemandView() {
  const { segments } = useLocation();
  const id = segments[1] ?? '';
  const variables = { id, first: 8 };
  const state = useQuery(DemandPageDocument, variables, id !== '');
  return (
    <QueryView state={state}>
      {(data) => {
        const demand = data.node;
        if (!demand || !('title' in demand)) return <ErrorMessage error={new RequestFailure('NOT_FOUND', id)} />;
        const result = data.demandMatches;
        return (
          <article aria-labelledby="demand-title">
            <p>
              <Link href="/demands">← {t('demands.back')}</Link>
            </p>
            <h1 id="demand-title">{demand.title}</h1>
            <OperationTools request={operation(DemandPageDocument, variables)} />
            <dl class="facts-inline">
              <div class="fact">
                <dt>{t('fact.mode')}</dt>
                <dd>{enumLabel(demand.mode)}</dd>
              </div>
              <div class="fact">
                <dt>{t('fact.status')}</dt>
                <dd>{enumLabel(demand.status)}</dd>
              </div>
              <div class="fact">
                <dt>{t('fact.budget')}</dt>
                <dd>{formatNumber(demand.budget)}</dd>
              </div>
              <div class="fact">
                <dt>{t('fact.postedOn')}</dt>
                <dd>{demand.postedOn}</dd>
              </div>
              {demand.deadline && (
                <div class="fact">
                  <dt>{t('fact.deadline')}</dt>
                  <dd>{demand.deadline}</dd>
                </div>
              )}
              {demand.postedBy && (
                <div class="fact">
                  <dt>{t('demands.postedBy')}</dt>
                  <dd>
                    <EntityLink entity={demand.postedBy} />
                  </dd>
                </div>
              )}
              <div class="fact">
                <dt>{t('demands.topics')}</dt>
                <dd>
                  {demand.requiredTopics.nodes.map((topic, index) => (
                    <span key={topic.id}>
                      {index > 0 && '、'}
                      <Link href={entityHref(topic.id)}>{topic.name}</Link>
                    </span>
                  ))}
                </dd>
              </div>
            </dl>
            {demand.description && <p>{demand.description}</p>}
            <h2>{t('demands.candidates', { count: result.matches.totalCount })}</h2>
            {result.matches.nodes.length === 0 ? <Empty>{t('demands.noCandidates')}</Empty> : <MatchList result={result} />}
          </article>
        );
      }}
    </QueryView>
  );
}
