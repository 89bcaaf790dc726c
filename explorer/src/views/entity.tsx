import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { EntityPageDocument, NeighborhoodDocument, NeighborhoodExportDocument, type EntityPageQuery, type SubgraphPartsFragment } from '../generated/graphql';
import { execute, operation } from '../api/client';
import { useQuery } from '../api/use-query';
import { enumLabel, formatNumber, levelLabel, t } from '../i18n/i18n';
import { entityHref, navigate, useLocation } from '../router';
import { Empty, ErrorMessage, KindTag, Link, QueryView } from '../components/ui';
import { entityName, entityQualifier } from '../components/entity';
import { GraphCanvas } from '../components/graph-canvas';
import { OperationTools } from '../components/toolbar';
import type { DrawnEdge, DrawnNode } from '../graph/cytoscape-view';
import { RequestFailure } from '../api/client';
import { currentLocale } from '../i18n/i18n';
import { EditPanel } from './entity-edit';
import type { MessageKey } from '../i18n/zh';

type Entity = NonNullable<EntityPageQuery['node']>;
type Fact = [MessageKey, ComponentChildren];

function list(values: readonly string[], label: (value: string) => string = (value) => value): string {
  return values.map(label).join('、');
}

/** The facts of an entity worth showing, by kind; empty values are left out. */
function factsOf(entity: Entity): Fact[] {
  const facts: Fact[] = [];
  const add = (key: MessageKey, value: ComponentChildren | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') facts.push([key, value]);
  };
  switch (entity.__typename) {
    case 'University':
    case 'ResearchInstitute':
    case 'GovernmentAgency':
    case 'Enterprise':
    case 'Platform':
      add('fact.aliases', list(entity.aliases));
      add('fact.region', entity.region?.name);
      if (entity.__typename === 'Enterprise') {
        add('fact.qualifications', list(entity.qualifications, enumLabel));
        add('fact.foundedYear', entity.foundedYear);
        add('fact.employees', entity.employees);
        add('fact.rdSpending', formatNumber(entity.rdSpending));
        add('fact.revenue', entity.revenue === null ? null : formatNumber(entity.revenue));
      }
      if (entity.__typename === 'Platform') {
        add('fact.platformKind', enumLabel(entity.platformKind));
        add('fact.platformLevel', enumLabel(entity.platformLevel));
        add('fact.establishedYear', entity.establishedYear);
      }
      add('fact.topics', entity.topics.nodes.length ? entity.topics.nodes.map((topic, index) => <span key={topic.id}>{index > 0 && '、'}<Link href={entityHref(topic.id)}>{topic.name}</Link></span>) : null);
      add('fact.website', entity.website);
      add('fact.description', entity.description);
      break;
    case 'Expert':
      add('fact.title', entity.title);
      add('fact.affiliation', entity.primaryAffiliation?.name);
      add('fact.kind', list(entity.kinds, enumLabel));
      add('fact.talentCard', entity.talentCard ? enumLabel(entity.talentCard) : null);
      add('fact.flexible', entity.flexibleEngagement ? t('yes') : t('no'));
      add('fact.expertise', entity.expertise.edges.length ? entity.expertise.edges.map((edge, index) => <span key={edge.node.id}>{index > 0 && '、'}<Link href={entityHref(edge.node.id)}>{edge.node.name}</Link>（{levelLabel(edge.level)}）</span>) : null);
      add('fact.description', entity.description);
      break;
    case 'IndustryCluster':
    case 'Industry':
    case 'Topic':
      add('fact.aliases', list(entity.aliases));
      add('fact.description', entity.description);
      break;
    case 'ChainSegment':
      add('fact.industry', entity.industry ? <Link href={entityHref(entity.industry.id)}>{entity.industry.name}</Link> : null);
      add('fact.position', enumLabel(entity.position));
      add('fact.description', entity.description);
      break;
    case 'Project':
      add('fact.level', enumLabel(entity.projectLevel));
      add('fact.mode', enumLabel(entity.projectMode));
      add('fact.startYear', entity.startYear);
      add('fact.endYear', entity.endYear);
      add('fact.funding', formatNumber(entity.funding));
      add('fact.description', entity.description);
      break;
    case 'Patent':
      add('fact.number', entity.number);
      add('fact.patentKind', enumLabel(entity.patentKind));
      add('fact.filedYear', entity.filedYear);
      add('fact.grantedYear', entity.grantedYear);
      add('fact.description', entity.description);
      break;
    case 'Demand':
      add('fact.mode', enumLabel(entity.demandMode));
      add('fact.status', enumLabel(entity.status));
      add('fact.budget', formatNumber(entity.budget));
      add('fact.postedOn', entity.postedOn);
      add('fact.deadline', entity.deadline);
      add('fact.description', entity.description);
      break;
    case 'Policy':
      add('fact.kind', enumLabel(entity.policyKind));
      add('fact.year', entity.year);
      add('fact.description', entity.description);
      break;
    case 'Indicator':
      add('fact.unit', entity.unit);
      add('fact.baseline', `${formatNumber(entity.baselineValue)}（${entity.baselineYear}）`);
      add('fact.target', `${formatNumber(entity.targetValue)}（${entity.targetYear}）`);
      add('fact.description', entity.description);
      break;
    case 'Region':
      add('fact.kind', enumLabel(entity.regionKind));
      add('fact.population', entity.population);
      add('fact.description', entity.description);
      break;
    default: {
      const exhaustive: never = entity;
      return exhaustive;
    }
  }
  return facts;
}

/** The graph's nodes and edges as the drawing takes them (Chinese edge labels are the API's own verbs). */
export function drawable(subgraph: SubgraphPartsFragment): { nodes: DrawnNode[]; edges: DrawnEdge[] } {
  return {
    nodes: subgraph.nodes.map((node) => ({ id: node.node.id, label: node.label, kind: node.kind })),
    edges: subgraph.edges.map((edge) => ({ from: edge.from.id, to: edge.to.id, kind: edge.kind, label: currentLocale() === 'zh' ? edge.verb : enumLabel(edge.kind) })),
  };
}

/** The entity's links grouped by relationship kind, each linked entity once. */
function LinkGroups({ centre, subgraph }: { centre: string; subgraph: SubgraphPartsFragment }) {
  const byId = new Map(subgraph.nodes.map((node) => [node.node.id, node]));
  const groups = new Map<string, Array<{ id: string; label: string; kind: string }>>();
  for (const edge of subgraph.edges) {
    const other = edge.from.id === centre ? edge.to.id : edge.to.id === centre ? edge.from.id : null;
    const node = other ? byId.get(other) : undefined;
    if (!node) continue;
    const group = groups.get(edge.kind) ?? [];
    if (!group.some((item) => item.id === node.node.id)) group.push({ id: node.node.id, label: node.label, kind: node.kind });
    groups.set(edge.kind, group);
  }
  const count = [...groups.values()].reduce((sum, group) => sum + group.length, 0);
  return (
    <section aria-labelledby="links-title" class="links">
      <h2 id="links-title">{t('entity.links', { count })}</h2>
      {subgraph.truncated && <p class="muted">{t('entity.truncated', { count: subgraph.nodes.length - 1 })}</p>}
      {count === 0 && <Empty>{t('entity.noLinks')}</Empty>}
      {[...groups.entries()].map(([kind, items]) => (
        <details key={kind} class="link-group" open={items.length <= 8}>
          <summary>
            {enumLabel(kind)}（{items.length}）
          </summary>
          <ul>
            {items.map((item) => (
              <li key={item.id}>
                <span class={`kind-tag kind-${item.kind}`}>{enumLabel(item.kind)}</span> <Link href={entityHref(item.id)}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}

function EntityGraph({ id, subgraph }: { id: string; subgraph: SubgraphPartsFragment }) {
  const [additions, setAdditions] = useState<{ nodes: DrawnNode[]; edges: DrawnEdge[]; around: string } | null>(null);
  const [status, setStatus] = useState<string>('');
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const initial = drawable(subgraph);
  const expand = async (nodeId: string) => {
    setFailure(null);
    try {
      const data = await execute(NeighborhoodDocument, { id: nodeId, depth: 1, limit: 60 });
      const next = drawable(data.neighborhood);
      setAdditions({ ...next, around: nodeId });
      const label = data.neighborhood.nodes.find((node) => node.node.id === nodeId)?.label ?? nodeId;
      setStatus(t('entity.expanded', { name: label }));
    } catch (error) {
      setFailure(error instanceof RequestFailure ? error : new RequestFailure('UNKNOWN', String(error)));
    }
  };
  return (
    <section aria-labelledby="graph-title" class="entity-graph">
      <h2 id="graph-title">{t('entity.graph')}</h2>
      <p class="muted">{t('entity.graphHelp')}</p>
      <GraphCanvas nodes={initial.nodes} edges={initial.edges} centre={id} additions={additions} label={t('entity.graph')} onOpen={(nodeId) => navigate(entityHref(nodeId))} onExpand={(nodeId) => void expand(nodeId)} />
      <p role="status" aria-live="polite" class="muted expand-status">
        {status}
      </p>
      {failure && <ErrorMessage error={failure} />}
    </section>
  );
}

export function EntityView() {
  const { segments, params } = useLocation();
  const id = segments[1] ?? '';
  // ?depth=2&limit=500 draws a wider neighbourhood (the API allows depth ≤ 3 and limit ≤ 500).
  const depth = Math.min(3, Math.max(1, Number(params.get('depth') ?? 1) || 1));
  const limit = Math.min(500, Math.max(10, Number(params.get('limit') ?? 150) || 150));
  const variables = { id, depth, limit };
  const state = useQuery(EntityPageDocument, variables, id !== '');
  return (
    <QueryView state={state}>
      {(data) => {
        if (!data.node) return <ErrorMessage error={new RequestFailure('NOT_FOUND', id)} />;
        const entity = data.node;
        const qualifier = entityQualifier(entity);
        return (
          <article class="entity" aria-labelledby="entity-title">
            <header class="entity-head">
              <KindTag typename={entity.__typename} />
              <h1 id="entity-title">{entityName(entity)}</h1>
              {qualifier && <p class="muted">{qualifier}</p>}
              <OperationTools
                request={operation(EntityPageDocument, variables)}
                filename={`neighbourhood-${entityName(entity)}`}
                exporter={async (format) => (await execute(NeighborhoodExportDocument, { id, depth, limit, format })).neighborhood.export}
              />
            </header>
            <div class="entity-body">
              <section aria-labelledby="facts-title" class="facts">
                <h2 id="facts-title">{t('entity.facts')}</h2>
                <EditPanel key={entity.id} entity={entity} onSaved={state.refresh} />
                <dl>
                  {factsOf(entity).map(([key, value]) => (
                    <div key={key} class="fact">
                      <dt>{t(key)}</dt>
                      <dd>{value}</dd>
                    </div>
                  ))}
                </dl>
              </section>
              <LinkGroups centre={entity.id} subgraph={data.neighborhood} />
            </div>
            <EntityGraph id={entity.id} subgraph={data.neighborhood} />
          </article>
        );
      }}
    </QueryView>
  );
}
