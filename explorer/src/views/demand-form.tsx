import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { DemandCreateDocument, type DemandCreateInput, type DemandMode } from '../generated/graphql';
import { execute, RequestFailure } from '../api/client';
import { enumLabel, t } from '../i18n/i18n';
import { navigate } from '../router';
import { EntityPicker, type PickedEntity } from '../components/picker';
import { ErrorMessage, Link } from '../components/ui';
import { useSession } from '../auth/session';
import type { MessageKey } from '../i18n/zh';

type FieldName = 'title' | 'description' | 'mode' | 'budget' | 'deadline' | 'postedBy' | 'requiredTopics' | 'source';
type FieldErrors = Partial<Record<FieldName, string>>;

const FIELD_LABELS: Record<FieldName, MessageKey> = {
  title: 'demandForm.name',
  description: 'demandForm.description',
  mode: 'demandForm.mode',
  budget: 'demandForm.budget',
  deadline: 'demandForm.deadline',
  postedBy: 'demandForm.postedBy',
  requiredTopics: 'demandForm.topics',
  source: 'demandForm.source',
};

interface Draft {
  title: string;
  description: string;
  mode: DemandMode;
  budget: string;
  deadline: string;
  postedBy: PickedEntity | null;
  topics: PickedEntity[];
  source: string;
}

/** Checks what the browser can check before asking the server (which validates again with the importer's rules). */
function validate(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.title.trim()) errors.title = t('demandForm.required');
  if (draft.budget.trim() === '') errors.budget = t('demandForm.required');
  else if (!Number.isFinite(Number(draft.budget)) || Number(draft.budget) < 0) errors.budget = t('demandForm.budgetInvalid');
  if (draft.deadline && !/^\d{4}-\d{2}-\d{2}$/.test(draft.deadline)) errors.deadline = t('demandForm.deadlineInvalid');
  if (!draft.postedBy) errors.postedBy = t('demandForm.required');
  if (!draft.source.trim()) errors.source = t('demandForm.required');
  return errors;
}

function isFieldName(value: string | undefined): value is FieldName {
  return value !== undefined && value in FIELD_LABELS;
}

function Field({ name, errors, children }: { name: FieldName; errors: FieldErrors; children: ComponentChildren }) {
  return (
    <div class={`field${errors[name] ? ' invalid' : ''}`} data-field={name}>
      {children}
      {errors[name] && (
        <p class="field-error" id={`${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  );
}

export function DemandFormView() {
  const { canEdit } = useSession();
  const [draft, setDraft] = useState<Draft>({ title: '', description: '', mode: 'OPEN_CHALLENGE', budget: '', deadline: '', postedBy: null, topics: [], source: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (!canEdit) {
    return (
      <section aria-labelledby="demand-form-title">
        <h1 id="demand-form-title">{t('demandForm.title')}</h1>
        <p class="notice-box" role="alert">
          {t('demandForm.signInNeeded')}
        </p>
      </section>
    );
  }

  const describedBy = (name: FieldName) => (errors[name] ? `${name}-error` : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const found = validate(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      document.querySelector<HTMLElement>(`[data-field="${first}"] input, [data-field="${first}"] textarea, [data-field="${first}"] select`)?.focus();
      return;
    }
    const input: DemandCreateInput = {
      title: draft.title.trim(),
      description: draft.description.trim() || null,
      mode: draft.mode,
      budget: Number(draft.budget),
      deadline: draft.deadline || null,
      postedBy: draft.postedBy?.id ?? '',
      requiredTopics: draft.topics.map((topic) => topic.id),
      source: draft.source.trim(),
    };
    setSubmitting(true);
    try {
      const result = await execute(DemandCreateDocument, { input });
      const payload = result.demandCreate;
      if (payload.userErrors.length > 0) {
        const serverErrors: FieldErrors = {};
        for (const error of payload.userErrors) {
          const field = error.field[error.field.length - 1];
          serverErrors[isFieldName(field) ? field : 'title'] = error.message;
        }
        setErrors(serverErrors);
      } else if (payload.demand) {
        navigate(`/demands/${encodeURIComponent(payload.demand.id)}`);
      }
    } catch (error) {
      setFailure(error instanceof RequestFailure ? error : new RequestFailure('UNKNOWN', String(error)));
    } finally {
      setSubmitting(false);
    }
  };

  const errorCount = Object.keys(errors).length;
  return (
    <section aria-labelledby="demand-form-title">
      <p>
        <Link href="/demands">← {t('demands.back')}</Link>
      </p>
      <h1 id="demand-form-title">{t('demandForm.title')}</h1>
      <form class="demand-form" noValidate onSubmit={(event) => void submit(event)}>
        {errorCount > 0 && (
          <p class="field-error" role="alert">
            {t('demandForm.errorSummary', { count: errorCount })}
          </p>
        )}
        <Field name="title" errors={errors}>
          <label for="demand-title-input">{t('demandForm.name')} *</label>
          <input id="demand-title-input" name="title" value={draft.title} aria-invalid={errors.title ? 'true' : undefined} aria-describedby={describedBy('title')} onInput={(event) => { const value = event.currentTarget.value; setDraft((current) => ({ ...current, title: value })); }} />
        </Field>
        <Field name="mode" errors={errors}>
          <label for="demand-mode">{t('demandForm.mode')}</label>
          <select id="demand-mode" name="mode" value={draft.mode} onChange={(event) => { const value = event.currentTarget.value === 'REGULAR' ? 'REGULAR' : 'OPEN_CHALLENGE'; setDraft((current) => ({ ...current, mode: value })); }}>
            <option value="OPEN_CHALLENGE">{enumLabel('OPEN_CHALLENGE')}</option>
            <option value="REGULAR">{enumLabel('REGULAR')}</option>
          </select>
        </Field>
        <Field name="budget" errors={errors}>
          <label for="demand-budget">{t('demandForm.budget')} *</label>
          <input id="demand-budget" name="budget" inputMode="decimal" value={draft.budget} aria-invalid={errors.budget ? 'true' : undefined} aria-describedby={describedBy('budget')} onInput={(event) => { const value = event.currentTarget.value; setDraft((current) => ({ ...current, budget: value })); }} />
        </Field>
        <Field name="deadline" errors={errors}>
          <label for="demand-deadline">{t('demandForm.deadline')}</label>
          <input id="demand-deadline" name="deadline" type="date" value={draft.deadline} aria-invalid={errors.deadline ? 'true' : undefined} aria-describedby={describedBy('deadline')} onInput={(event) => { const value = event.currentTarget.value; setDraft((current) => ({ ...current, deadline: value })); }} />
        </Field>
        <Field name="postedBy" errors={errors}>
          <EntityPicker name="postedBy" label={`${t('demandForm.postedBy')} *`} kinds={['GOVERNMENT_AGENCY', 'ENTERPRISE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'PLATFORM']} value={draft.postedBy} onChange={(value) => setDraft((current) => ({ ...current, postedBy: value }))} />
        </Field>
        <Field name="requiredTopics" errors={errors}>
          <EntityPicker name="topics" label={t('demandForm.topics')} kinds={['TOPIC']} value={null} onChange={(value) => value && setDraft((current) => (current.topics.some((topic) => topic.id === value.id) ? current : { ...current, topics: [...current.topics, value] }))} />
          <ul class="chips" aria-label={t('demandForm.topics')}>
            {draft.topics.map((topic) => (
              <li key={topic.id} class="chip">
                {topic.name}{' '}
                <button type="button" class="link-button" aria-label={`${t('picker.clear')}：${topic.name}`} onClick={() => setDraft((current) => ({ ...current, topics: current.topics.filter((known) => known.id !== topic.id) }))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </Field>
        <Field name="description" errors={errors}>
          <label for="demand-description">{t('demandForm.description')}</label>
          <textarea id="demand-description" name="description" rows={3} value={draft.description} onInput={(event) => { const value = event.currentTarget.value; setDraft((current) => ({ ...current, description: value })); }} />
        </Field>
        <Field name="source" errors={errors}>
          <label for="demand-source">{t('demandForm.source')} *</label>
          <input id="demand-source" name="source" value={draft.source} aria-invalid={errors.source ? 'true' : undefined} aria-describedby={describedBy('source')} onInput={(event) => { const value = event.currentTarget.value; setDraft((current) => ({ ...current, source: value })); }} />
        </Field>
        {failure && <ErrorMessage error={failure} />}
        <button type="submit" class="primary" disabled={submitting}>
          {submitting ? t('demandForm.submitting') : t('demandForm.submit')}
        </button>
      </form>
    </section>
  );
}
