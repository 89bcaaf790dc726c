import { useState } from 'preact/hooks';
import { ExpertSearchDocument, RegionsDocument, type ExpertSearchFilter, type TalentCard } from '../generated/graphql';
import { operation } from '../api/client';
import { useQuery } from '../api/use-query';
import { enumLabel, t } from '../i18n/i18n';
import { href, navigate, useLocation } from '../router';
import { Empty, Link, QueryView } from '../components/ui';
import { InterpretedTopics, MatchList } from '../components/matches';
import { OperationTools } from '../components/toolbar';
import { entityHref } from '../router';

const CARDS: TalentCard[] = ['A_CARD', 'B_CARD'];

function cardOf(value: string | null): TalentCard | null {
  return CARDS.find((card) => card === value) ?? null;
}

export function ExpertsView() {
  const { params } = useLocation();
  const text = params.get('q')?.trim() ?? '';
  const card = cardOf(params.get('card'));
  const region = params.get('region') ?? '';
  const flexible = params.get('flexible') === '1';
  const [draft, setDraft] = useState({ text, card: card ?? '', region, flexible });
  const regions = useQuery(RegionsDocument, {});

  const filters: ExpertSearchFilter = {};
  if (card) filters.talentCards = [card];
  if (region) filters.region = region;
  if (flexible) filters.availableForFlexibleEngagement = true;
  const variables = { text, filters, first: 10 };
  const state = useQuery(ExpertSearchDocument, variables, text !== '');

  const submit = (event: Event) => {
    event.preventDefault();
    navigate(href('/experts', { q: draft.text.trim(), card: draft.card, region: draft.region, flexible: draft.flexible ? '1' : '' }));
  };

  return (
    <section aria-labelledby="experts-title">
      <h1 id="experts-title">{t('experts.title')}</h1>
      <form class="need-form" onSubmit={submit}>
        <div class="field grow">
          <label for="need-text">{t('experts.need')}</label>
          <textarea id="need-text" name="need" rows={2} placeholder={t('experts.placeholder')} value={draft.text} onInput={(event) => { const value = event.currentTarget.value; setDraft((current) => ({ ...current, text: value })); }} />
        </div>
        <fieldset class="filters">
          <legend>{t('experts.filters')}</legend>
          <div class="field">
            <label for="filter-card">{t('experts.card')}</label>
            <select id="filter-card" value={draft.card} onChange={(event) => { const value = event.currentTarget.value; setDraft((current) => ({ ...current, card: value })); }}>
              <option value="">{t('experts.anyCard')}</option>
              {CARDS.map((value) => (
                <option key={value} value={value}>
                  {enumLabel(value)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-region">{t('experts.region')}</label>
            <select id="filter-region" value={draft.region} onChange={(event) => { const value = event.currentTarget.value; setDraft((current) => ({ ...current, region: value })); }}>
              <option value="">{t('experts.anyRegion')}</option>
              {regions.status === 'success' &&
                regions.data.regions.nodes
                  .filter((node) => node.kind !== 'PROVINCE')
                  .map((node) => (
                    <option key={node.id} value={node.id}>
                      {node.name}（{enumLabel(node.kind)}）
                    </option>
                  ))}
            </select>
          </div>
          <label class="checkbox">
            <input type="checkbox" name="flexible" checked={draft.flexible} onChange={(event) => { const value = event.currentTarget.checked; setDraft((current) => ({ ...current, flexible: value })); }} /> {t('experts.flexible')}
          </label>
        </fieldset>
        <button type="submit" class="primary" disabled={draft.text.trim() === ''}>
          {t('experts.submit')}
        </button>
      </form>
      {text === '' && <Empty>{t('experts.prompt')}</Empty>}
      <QueryView state={state}>
        {(data) => {
          const result = data.expertSearch;
          return (
            <>
              <div class="result-head">
                <p class="count" role="status">
                  {t('experts.count', { count: result.matches.totalCount })}
                </p>
                <OperationTools request={operation(ExpertSearchDocument, variables)} />
              </div>
              <InterpretedTopics result={result} />
              {result.noKnownTopic && (
                <p class="notice-box">
                  {t('experts.noKnownTopic')}{' '}
                  {result.suggestedTopics.map((topic) => (
                    <span key={topic.id} class="chip">
                      <Link href={entityHref(topic.id)}>{topic.name}</Link>
                    </span>
                  ))}
                </p>
              )}
              {result.matches.nodes.length === 0 && !result.noKnownTopic ? <Empty>{t('experts.empty')}</Empty> : <MatchList result={result} />}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
