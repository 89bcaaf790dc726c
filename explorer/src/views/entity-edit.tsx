/**
 * Edit forms of the entity page for the records officials maintain (organisations of every kind, experts). Shown only
 * when the session may edit; the server checks the role again on every request and validates every value.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import {
  ExpertContactDocument,
  ExpertUpdateDocument,
  OrganizationUpdateDocument,
  type EnterpriseQualification,
  type EntityPageQuery,
  type ExpertUpdateInput,
  type OrganizationUpdateInput,
  type TalentCard,
} from '../generated/graphql';
import { execute, RequestFailure } from '../api/client';
import { enumLabel, t } from '../i18n/i18n';
import { useSession } from '../auth/session';
import { ErrorMessage, Loading } from '../components/ui';
import type { MessageKey } from '../i18n/zh';

type Entity = NonNullable<EntityPageQuery['node']>;
type OrganizationEntity = Extract<Entity, { __typename: 'University' | 'ResearchInstitute' | 'GovernmentAgency' | 'Enterprise' | 'Platform' }>;
type ExpertEntity = Extract<Entity, { __typename: 'Expert' }>;
type UserErrors = ReadonlyArray<{ field: readonly string[]; message: string }>;

/** Field name → message; `form` holds what names no field of the form. */
type FieldErrors = Partial<Record<string, string>>;

const QUALIFICATIONS: EnterpriseQualification[] = ['ABOVE_DESIGNATED_SIZE', 'HIGH_TECH', 'TECH_SME', 'SPECIALIZED', 'LEADING'];
const TALENT_CARDS: TalentCard[] = ['A_CARD', 'B_CARD'];

/** Aliases as typed in one box: separated by 、 , ， ; ； or a new line. */
function splitAliases(value: string): string[] {
  return value
    .split(/[、,，;；\n]/)
    .map((alias) => alias.trim())
    .filter(Boolean);
}

function sameList(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** The server's userErrors by the form field they name (`["input", "website"]` → website); the rest under `form`. */
function serverErrors(userErrors: UserErrors, fields: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const error of userErrors) {
    const named = error.field[0] === 'input' ? error.field[1] : undefined;
    const field = named !== undefined && fields.includes(named) ? named : 'form';
    errors[field] = errors[field] ? `${errors[field]} ${error.message}` : t('edit.refused', { message: error.message });
  }
  return errors;
}

function focusFirstInvalid(form: HTMLFormElement | null, errors: FieldErrors): void {
  const first = Object.keys(errors).find((name) => name !== 'form');
  if (first) form?.querySelector<HTMLElement>(`[data-field="${first}"] input, [data-field="${first}"] textarea, [data-field="${first}"] select`)?.focus();
}

/** A labelled control with its error below it, tied to the control by aria-describedby. */
function Field({ name, error, children, inline = false }: { name: string; error: string | undefined; children: ComponentChildren; inline?: boolean }) {
  return (
    <div class={`field${inline ? ' inline' : ''}${error ? ' invalid' : ''}`} data-field={name}>
      {children}
      {error && (
        <p class="field-error" id={`edit-${name}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface TextProps {
  name: string;
  label: MessageKey;
  value: string;
  errors: FieldErrors;
  onInput: (value: string) => void;
  multiline?: boolean;
  required?: boolean;
  inputMode?: 'decimal' | 'numeric' | 'email' | 'tel' | 'url';
  hint?: MessageKey;
}

function TextField({ name, label, value, errors, onInput, multiline = false, required = false, inputMode, hint }: TextProps) {
  const id = `edit-${name}`;
  const described = [errors[name] ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name, value, 'aria-invalid': errors[name] ? ('true' as const) : undefined, 'aria-describedby': described, 'aria-required': required ? ('true' as const) : undefined };
  return (
    <Field name={name} error={errors[name]}>
      <label for={id}>
        {t(label)}
        {required && ' *'}
      </label>
      {hint && (
        <span class="muted" id={`${id}-hint`}>
          {t(hint)}
        </span>
      )}
      {multiline ? (
        <textarea {...common} rows={4} onInput={(event) => onInput(event.currentTarget.value)} />
      ) : (
        <input {...common} inputMode={inputMode} onInput={(event) => onInput(event.currentTarget.value)} />
      )}
    </Field>
  );
}

/** The buttons and the messages every edit form ends with. */
function FormFooter({ errors, failure, saving, onCancel }: { errors: FieldErrors; failure: RequestFailure | null; saving: boolean; onCancel: () => void }) {
  return (
    <>
      {errors.form && (
        <p class="field-error" role="alert">
          {errors.form}
        </p>
      )}
      {failure && <ErrorMessage error={failure} />}
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('edit.saving') : t('edit.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('edit.cancel')}
        </button>
      </div>
    </>
  );
}

function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const count = Object.keys(errors).filter((name) => name !== 'form').length;
  if (count === 0) return null;
  return (
    <p class="field-error" role="alert">
      {t('demandForm.errorSummary', { count })}
    </p>
  );
}

interface FormProps<E> {
  entity: E;
  /** Called after a save the server accepted (`changed` false when nothing was changed). */
  onDone: (changed: boolean) => void;
  onCancel: () => void;
}

/** Runs an update; resolves to the field errors to show (empty when the server accepted it). */
async function save<T>(run: () => Promise<T>, userErrorsOf: (result: T) => UserErrors, fields: readonly string[], setFailure: (failure: RequestFailure | null) => void): Promise<FieldErrors | null> {
  setFailure(null);
  try {
    const result = await run();
    return serverErrors(userErrorsOf(result), fields);
  } catch (error) {
    setFailure(error instanceof RequestFailure ? error : new RequestFailure('UNKNOWN', String(error)));
    return null;
  }
}

const ORGANIZATION_FIELDS = ['name', 'aliases', 'description', 'website', 'employees', 'rdSpending', 'qualifications'] as const;

function OrganizationForm({ entity: shown, onDone, onCancel }: FormProps<OrganizationEntity>) {
  // The record as it was when the form opened: the draft starts from it and only fields changed from it are sent, so a
  // refresh of the page arriving while the form is open (its data may differ) neither resets nor reverts a field.
  const [entity] = useState(shown);
  const enterprise = entity.__typename === 'Enterprise' ? entity : null;
  const [draft, setDraft] = useState({
    name: entity.name,
    aliases: entity.aliases.join('、'),
    description: entity.description ?? '',
    website: entity.website ?? '',
    employees: enterprise ? String(enterprise.employees) : '',
    rdSpending: enterprise ? String(enterprise.rdSpending) : '',
    qualifications: enterprise ? [...enterprise.qualifications] : [],
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (changes: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...changes }));

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!draft.name.trim()) found.name = t('demandForm.required');
    if (enterprise) {
      if (!/^\d+$/.test(draft.employees.trim())) found.employees = t('edit.countInvalid');
      const spending = Number(draft.rdSpending);
      if (draft.rdSpending.trim() === '' || !Number.isFinite(spending) || spending < 0) found.rdSpending = t('edit.amountInvalid');
    }
    return found;
  };

  /** Only what changed: an omitted field stays as it is on the server. */
  const changes = (): OrganizationUpdateInput => {
    const input: OrganizationUpdateInput = { id: entity.id };
    if (draft.name.trim() !== entity.name) input.name = draft.name.trim();
    const aliases = splitAliases(draft.aliases);
    if (!sameList(aliases, entity.aliases)) input.aliases = aliases;
    if (draft.description.trim() !== (entity.description ?? '')) input.description = draft.description.trim() || null;
    if (draft.website.trim() !== (entity.website ?? '')) input.website = draft.website.trim() || null;
    if (enterprise) {
      if (Number(draft.employees) !== enterprise.employees) input.employees = Number(draft.employees);
      if (Number(draft.rdSpending) !== enterprise.rdSpending) input.rdSpending = Number(draft.rdSpending);
      const chosen = QUALIFICATIONS.filter((value) => draft.qualifications.includes(value));
      if (!sameList(chosen, QUALIFICATIONS.filter((value) => enterprise.qualifications.includes(value)))) input.qualifications = chosen;
    }
    return input;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current, found);
    const input = changes();
    if (Object.keys(input).length === 1) return onDone(false);
    setSaving(true);
    const result = await save(() => execute(OrganizationUpdateDocument, { input }), (data) => data.organizationUpdate.userErrors, ORGANIZATION_FIELDS, setFailure);
    setSaving(false);
    if (!result) return;
    setErrors(result);
    if (Object.keys(result).length === 0) onDone(true);
    else focusFirstInvalid(formRef.current, result);
  };

  return (
    <form ref={formRef} class="edit-form" id="edit-form" noValidate aria-labelledby="edit-form-title" onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <h3 id="edit-form-title">{t('edit.organizationTitle')}</h3>
      <ErrorSummary errors={errors} />
      <TextField name="name" label="edit.name" required value={draft.name} errors={errors} onInput={(name) => set({ name })} />
      <TextField name="aliases" label="fact.aliases" hint="edit.aliasesHint" value={draft.aliases} errors={errors} onInput={(aliases) => set({ aliases })} />
      <TextField name="website" label="fact.website" inputMode="url" value={draft.website} errors={errors} onInput={(website) => set({ website })} />
      {enterprise && (
        <>
          <TextField name="employees" label="fact.employees" required inputMode="numeric" value={draft.employees} errors={errors} onInput={(employees) => set({ employees })} />
          <TextField name="rdSpending" label="fact.rdSpending" required inputMode="decimal" value={draft.rdSpending} errors={errors} onInput={(rdSpending) => set({ rdSpending })} />
          <Field name="qualifications" error={errors.qualifications}>
            <fieldset class="checks">
              <legend>{t('fact.qualifications')}</legend>
              {QUALIFICATIONS.map((value) => (
                <label key={value} class="check">
                  <input
                    type="checkbox"
                    name="qualifications"
                    value={value}
                    checked={draft.qualifications.includes(value)}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      setDraft((current) => ({ ...current, qualifications: checked ? [...current.qualifications, value] : current.qualifications.filter((known) => known !== value) }));
                    }}
                  />{' '}
                  {enumLabel(value)}
                </label>
              ))}
            </fieldset>
          </Field>
        </>
      )}
      <TextField name="description" label="fact.description" multiline value={draft.description} errors={errors} onInput={(description) => set({ description })} />
      <FormFooter errors={errors} failure={failure} saving={saving} onCancel={onCancel} />
    </form>
  );
}

const EXPERT_FIELDS = ['name', 'title', 'description', 'talentCard', 'flexibleEngagement', 'phone', 'email'] as const;

function ExpertForm({ entity: shown, contact, onDone, onCancel }: FormProps<ExpertEntity> & { contact: { phone: string | null; email: string | null } }) {
  // The record as it was when the form opened (see OrganizationForm).
  const [entity] = useState(shown);
  const [draft, setDraft] = useState({
    name: entity.name,
    title: entity.title,
    description: entity.description ?? '',
    talentCard: entity.talentCard ?? '',
    flexibleEngagement: entity.flexibleEngagement,
    phone: contact.phone ?? '',
    email: contact.email ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (changes: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...changes }));

  const changes = (): ExpertUpdateInput => {
    const input: ExpertUpdateInput = { id: entity.id };
    if (draft.name.trim() !== entity.name) input.name = draft.name.trim();
    if (draft.title.trim() !== entity.title) input.title = draft.title.trim();
    if (draft.description.trim() !== (entity.description ?? '')) input.description = draft.description.trim() || null;
    if (draft.talentCard !== (entity.talentCard ?? '')) input.talentCard = TALENT_CARDS.find((card) => card === draft.talentCard) ?? null;
    if (draft.flexibleEngagement !== entity.flexibleEngagement) input.flexibleEngagement = draft.flexibleEngagement;
    if (draft.phone.trim() !== (contact.phone ?? '')) input.phone = draft.phone.trim() || null;
    if (draft.email.trim() !== (contact.email ?? '')) input.email = draft.email.trim() || null;
    return input;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!draft.name.trim()) found.name = t('demandForm.required');
    if (!draft.title.trim()) found.title = t('demandForm.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current, found);
    const input = changes();
    if (Object.keys(input).length === 1) return onDone(false);
    setSaving(true);
    const result = await save(() => execute(ExpertUpdateDocument, { input }), (data) => data.expertUpdate.userErrors, EXPERT_FIELDS, setFailure);
    setSaving(false);
    if (!result) return;
    setErrors(result);
    if (Object.keys(result).length === 0) onDone(true);
    else focusFirstInvalid(formRef.current, result);
  };

  return (
    <form ref={formRef} class="edit-form" id="edit-form" noValidate aria-labelledby="edit-form-title" onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <h3 id="edit-form-title">{t('edit.expertTitle')}</h3>
      <ErrorSummary errors={errors} />
      <TextField name="name" label="edit.name" required value={draft.name} errors={errors} onInput={(name) => set({ name })} />
      <TextField name="title" label="fact.title" required value={draft.title} errors={errors} onInput={(title) => set({ title })} />
      <Field name="talentCard" error={errors.talentCard}>
        <label for="edit-talentCard">{t('fact.talentCard')}</label>
        <select id="edit-talentCard" name="talentCard" value={draft.talentCard} onChange={(event) => set({ talentCard: TALENT_CARDS.find((card) => card === event.currentTarget.value) ?? '' })}>
          <option value="">{t('edit.none')}</option>
          {TALENT_CARDS.map((card) => (
            <option key={card} value={card}>
              {enumLabel(card)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="flexibleEngagement" error={errors.flexibleEngagement} inline>
        <input id="edit-flexibleEngagement" type="checkbox" name="flexibleEngagement" checked={draft.flexibleEngagement} onChange={(event) => set({ flexibleEngagement: event.currentTarget.checked })} />
        <label for="edit-flexibleEngagement">{t('fact.flexible')}</label>
      </Field>
      <p class="muted" id="edit-personal-note">
        {t('edit.personalNote')}
      </p>
      <TextField name="phone" label="edit.phone" inputMode="tel" value={draft.phone} errors={errors} onInput={(phone) => set({ phone })} />
      <TextField name="email" label="edit.email" inputMode="email" value={draft.email} errors={errors} onInput={(email) => set({ email })} />
      <TextField name="description" label="fact.description" multiline value={draft.description} errors={errors} onInput={(description) => set({ description })} />
      <FormFooter errors={errors} failure={failure} saving={saving} onCancel={onCancel} />
    </form>
  );
}

/** Loads the expert's personal contact fields (returned to editors only) before showing the form. */
function ExpertEditor(props: FormProps<ExpertEntity>) {
  const [contact, setContact] = useState<{ phone: string | null; email: string | null } | null>(null);
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setFailure(null);
    execute(ExpertContactDocument, { id: props.entity.id }, controller.signal).then(
      (data) => {
        const node = data.node;
        if (!controller.signal.aborted) setContact(node && 'phone' in node ? { phone: node.phone ?? null, email: node.email ?? null } : { phone: null, email: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setFailure(error instanceof RequestFailure ? error : new RequestFailure('UNKNOWN', String(error)));
      },
    );
    return () => controller.abort();
  }, [props.entity.id, attempt]);
  if (failure) return <ErrorMessage error={failure} onRetry={() => setAttempt((value) => value + 1)} />;
  if (!contact) return <Loading />;
  return <ExpertForm {...props} contact={contact} />;
}

function isOrganization(entity: Entity): entity is OrganizationEntity {
  return entity.__typename === 'University' || entity.__typename === 'ResearchInstitute' || entity.__typename === 'GovernmentAgency' || entity.__typename === 'Enterprise' || entity.__typename === 'Platform';
}

/**
 * The 编辑 button and, once pressed, the form for the entity's main fields; nothing for a viewer, an anonymous visitor
 * or a kind without a form. `onSaved` reloads the page's data after an accepted change.
 */
export function EditPanel({ entity, onSaved }: { entity: Entity; onSaved: () => void }) {
  const { canEdit } = useSession();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const buttonRef = useRef<HTMLButtonElement>(null);
  const formOpened = useRef(false);
  useEffect(() => {
    if (open && !formOpened.current) document.querySelector<HTMLElement>('#edit-form input, #edit-form select')?.focus();
    formOpened.current = open && document.querySelector('#edit-form') !== null;
  });
  if (!canEdit || !(isOrganization(entity) || entity.__typename === 'Expert')) return null;

  const close = (message: string) => {
    setOpen(false);
    setStatus(message);
    buttonRef.current?.focus();
  };
  const done = (changed: boolean) => {
    if (changed) onSaved();
    close(changed ? t('edit.saved') : t('edit.unchanged'));
  };
  const cancel = () => close('');
  return (
    <div class="edit-panel">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? 'edit-form' : undefined}
        onClick={() => {
          setStatus('');
          setOpen(!open);
        }}
      >
        {t('edit.open')}
      </button>
      <p role="status" class="muted edit-status">
        {status}
      </p>
      {open && (isOrganization(entity) ? <OrganizationForm entity={entity} onDone={done} onCancel={cancel} /> : entity.__typename === 'Expert' && <ExpertEditor entity={entity} onDone={done} onCancel={cancel} />)}
    </div>
  );
}
