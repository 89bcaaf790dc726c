import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { signIn, signOut, useSession } from './session';

/** The sign-in control: a role indicator and a dialog where a user pastes a token (kept for this tab only). */
export function SignInControl() {
  const session = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);

  if (session.role) {
    return (
      <div class="session">
        <span class="role">{t('auth.signedInAs', { role: t(`role.${session.role}`) })}</span>
        <button type="button" class="link-button" onClick={signOut}>
          {t('auth.signOut')}
        </button>
      </div>
    );
  }
  return (
    <div class="session">
      <button type="button" class="link-button" onClick={() => setOpen(true)}>
        {t('auth.signIn')}
      </button>
      <dialog ref={dialog} aria-labelledby="sign-in-title" onClose={() => setOpen(false)}>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            if (signIn(text)) {
              setText('');
              setError(null);
              setOpen(false);
            } else setError(t('auth.invalid'));
          }}
        >
          <h2 id="sign-in-title">{t('auth.dialogTitle')}</h2>
          <div class={`field${error ? ' invalid' : ''}`}>
            <label for="token-input">{t('auth.tokenLabel')}</label>
            <textarea id="token-input" name="token" rows={4} value={text} aria-describedby={error ? 'token-error token-help' : 'token-help'} aria-invalid={error ? 'true' : undefined} onInput={(event) => setText(event.currentTarget.value)} />
            <p id="token-help" class="muted">
              {t('auth.tokenHelp')}
            </p>
            {error && (
              <p id="token-error" class="field-error">
                {error}
              </p>
            )}
          </div>
          <div class="dialog-buttons">
            <button type="button" onClick={() => setOpen(false)}>
              {t('auth.cancel')}
            </button>
            <button type="submit" class="primary">
              {t('auth.submit')}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
