import type { ComponentChildren } from 'preact';
import type { EntityNameFragment } from '../generated/graphql';
import type { RequestFailure } from '../api/client';
import type { QueryState } from '../api/use-query';
import { t } from '../i18n/i18n';
import { entityHref, onLinkClick } from '../router';
import { entityKindLabel, entityName, entityQualifier } from './entity';
import { kindOfTypename } from '../i18n/enums';

export function Link(props: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a href={props.href} class={props.class} aria-current={props['aria-current']} onClick={onLinkClick}>
      {props.children}
    </a>
  );
}

/** A kind tag, coloured like the kind's nodes in the graph drawings. */
export function KindTag({ typename }: { typename: string }) {
  return <span class={`kind-tag kind-${kindOfTypename(typename)}`}>{entityKindLabel(typename)}</span>;
}

/** A link to an entity's page, with its kind and what tells it apart from namesakes. */
export function EntityLink({ entity, showKind = false }: { entity: EntityNameFragment; showKind?: boolean }) {
  const qualifier = entityQualifier(entity);
  return (
    <span class="entity-link">
      {showKind && <KindTag typename={entity.__typename} />}
      <Link href={entityHref(entity.id)}>{entityName(entity)}</Link>
      {qualifier && <span class="muted">（{qualifier}）</span>}
    </span>
  );
}

/** Text whose «marked» parts are shown as highlights. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(/«([^»]*)»/);
  return <>{parts.map((part, index) => (index % 2 === 1 ? <mark key={index}>{part}</mark> : part))}</>;
}

export function Loading() {
  return (
    <p class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {t('state.loading')}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: RequestFailure; onRetry?: () => void }) {
  return (
    <div class="state state-error" role="alert" data-error-kind={error.kind}>
      <p>{t(`error.${error.kind}`, { message: error.message })}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return (
    <p class="state state-empty" role="status">
      {children}
    </p>
  );
}

/** Loading, error or the content: the three states every query view shows explicitly. */
export function QueryView<T>({ state, children }: { state: QueryState<T> & { retry(): void }; children: (data: T) => ComponentChildren }) {
  if (state.status === 'idle') return null;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.retry} />;
  return <>{children(state.data)}</>;
}

export function formatScore(score: number): string {
  return score.toFixed(2);
}
