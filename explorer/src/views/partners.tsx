import { PartnerRecommendationsDocument, type MatchCandidateKind } from '../generated/graphql';
import { operation } from '../api/client';
import { useQuery } from '../api/use-query';
import { enumLabel, t } from '../i18n/i18n';
import { href, navigate, useLocation } from '../router';
import { Empty, QueryView } from '../components/ui';
import { EntityPicker } from '../components/picker';
import { InterpretedTopics, MatchList } from '../components/matches';
import { OperationTools } from '../components/toolbar';
import { entityName } from '../components/entity';

const CANDIDATE_KINDS: MatchCandidateKind[] = ['UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE', 'PLATFORM', 'EXPERT'];

export function PartnersView() {
  const { params } = useLocation();
  const subject = params.get('for') ?? '';
  const subjectName = params.get('name') ?? '';
  const kinds = params.getAll('kind').filter((kind): kind is MatchCandidateKind => CANDIDATE_KINDS.some((known) => known === kind));
  const variables = { for: subject, kinds: kinds.length ? kinds : null, first: 10 };
  const state = useQuery(PartnerRecommendationsDocument, variables, subject !== '');

  const go = (next: { for?: string; name?: string; kinds?: MatchCandidateKind[] }) =>
    navigate(href('/partners', { for: next.for ?? subject, name: next.name ?? subjectName, kind: next.kinds ?? kinds }));

  return (
    <section aria-labelledby="partners-title">
      <h1 id="partners-title">{t('partners.title')}</h1>
      <div class="need-form">
        <EntityPicker
          name="for"
          label={t('partners.for')}
          placeholder={t('partners.placeholder')}
          kinds={['ENTERPRISE', 'INDUSTRY', 'CHAIN_SEGMENT', 'DEMAND']}
          value={subject ? { id: subject, name: state.status === 'success' && state.data.subject ? entityName(state.data.subject) : subjectName || subject } : null}
          onChange={(value) => navigate(href('/partners', { for: value?.id, name: value?.name, kind: kinds }))}
        />
        <fieldset class="filters">
          <legend>{t('partners.kinds')}</legend>
          {CANDIDATE_KINDS.map((kind) => (
            <label key={kind} class="checkbox">
              <input
                type="checkbox"
                checked={kinds.includes(kind)}
                onChange={(event) => go({ kinds: event.currentTarget.checked ? [...kinds, kind] : kinds.filter((known) => known !== kind) })}
              />{' '}
              {enumLabel(kind)}
            </label>
          ))}
        </fieldset>
      </div>
      {subject === '' && <Empty>{t('partners.prompt')}</Empty>}
      <QueryView state={state}>
        {(data) => {
          const result = data.partnerRecommendations;
          const name = data.subject ? entityName(data.subject) : subject;
          return (
            <>
              <div class="result-head">
                <p class="count" role="status">
                  {t('partners.count', { count: result.matches.totalCount, name })}
                </p>
                <OperationTools request={operation(PartnerRecommendationsDocument, variables)} />
              </div>
              <InterpretedTopics result={result} />
              {result.matches.nodes.length === 0 ? <Empty>{t('partners.empty')}</Empty> : <MatchList result={result} />}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
