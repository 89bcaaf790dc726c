import { useState } from 'preact/hooks';
import { SearchDocument, type EntityKind } from '../generated/graphql';
import { useQuery } from '../api/use-query';
import { operation } from '../api/client';
import { enumLabel, t } from '../i18n/i18n';
import { href, navigate, useLocation } from '../router';
import { Empty, EntityLink, Highlighted, QueryView } from '../components/ui';
import { OperationTools } from '../components/toolbar';

const SEARCH_KINDS: EntityKind[] = ['ENTERPRISE', 'EXPERT', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'PLATFORM', 'GOVERNMENT_AGENCY', 'INDUSTRY_CLUSTER', 'INDUSTRY', 'CHAIN_SEGMENT', 'TOPIC', 'PROJECT', 'PATENT', 'DEMAND', 'POLICY', 'INDICATOR', 'REGION'];

function isEntityKind(value: string | null): value is EntityKind {
  return SEARCH_KINDS.some((kind) => kind === value);
}

/** The search box: submits to /search?q=…, so a search has a URL. */
export function SearchForm({ initial = '', kind = '' }: { initial?: string; kind?: string }) {
  const [text, setText] = useState(initial);
  const [selectedKind, setSelectedKind] = useState(kind);
  return (
    <form
      class="search-form"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) navigate(href('/search', { q: text.trim(), kind: selectedKind }));
      }}
    >
      <div class="field grow">
        <label for="search-input">{t('search.label')}</label>
        <input id="search-input" type="search" name="q" value={text} placeholder={t('search.placeholder')} onInput={(event) => setText(event.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="search-kind">{t('search.kind')}</label>
        <select id="search-kind" value={selectedKind} onChange={(event) => setSelectedKind(event.currentTarget.value)}>
          <option value="">{t('search.allKinds')}</option>
          {SEARCH_KINDS.map((value) => (
            <option key={value} value={value}>
              {enumLabel(value)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="primary">
        {t('search.submit')}
      </button>
    </form>
  );
}

export function SearchView() {
  const { params } = useLocation();
  const query = params.get('q')?.trim() ?? '';
  const kindParam = params.get('kind');
  const kinds = isEntityKind(kindParam) ? [kindParam] : null;
  const variables = { query, kinds, first: 30 };
  const state = useQuery(SearchDocument, variables, query !== '');
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t('nav.search')}</h1>
      <SearchForm key={`${query}|${kindParam ?? ''}`} initial={query} kind={kinds?.[0] ?? ''} />
      {query === '' && <Empty>{t('search.prompt')}</Empty>}
      <QueryView state={state}>
        {(data) => (
          <>
            <div class="result-head">
              <p class="count" role="status">
                {t('search.count', { count: data.search.totalCount })}
              </p>
              <OperationTools request={operation(SearchDocument, variables)} />
            </div>
            {data.search.edges.length === 0 ? (
              <Empty>{t('search.empty', { query })}</Empty>
            ) : (
              <ol class="search-results">
                {data.search.edges.map((edge) => (
                  <li key={edge.node.id} class="search-result card">
                    <EntityLink entity={edge.node} showKind />
                    {edge.highlights.map((highlight) => (
                      <p key={highlight.field} class="highlight">
                        <span class="muted">{t('search.matchedIn', { field: highlight.field })}</span>{' '}
                        {highlight.fragments.map((fragment, index) => (
                          <span key={index} class="fragment">
                            <Highlighted text={fragment} />
                          </span>
                        ))}
                      </p>
                    ))}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
