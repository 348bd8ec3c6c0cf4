import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { TotpCodeField } from '../components/TotpCodeField';
import { send, useApiAction } from '../lib/use-api-action';

interface Setup {
  secret: string;
  otpauthUri: string;
}

/**
 * The account's own security: everyone changes their password; the Dinas and admins also keep
 * a second factor (a secret for an authenticator app, confirmed with the app's first code;
 * turned off with a code too).
 */
export function SecurityPage({
  secondFactor,
  onPasswordChanged,
}: {
  secondFactor: boolean;
  onPasswordChanged: () => void;
}) {
  return (
    <section>
      <SecondFactor visible={secondFactor} />
      <PasswordChange onChanged={onPasswordChanged} />
    </section>
  );
}

function SecondFactor({ visible }: { visible: boolean }) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState('');
  const { message, run } = useApiAction();

  useEffect(() => {
    if (!visible) return;
    api<{ enabled: boolean }>('/api/auth/totp').then(
      (r) => setEnabled(r.enabled),
      () => setEnabled(null),
    );
  }, [visible]);

  const start = () =>
    run(async () => setSetup(await api<Setup>('/api/auth/totp/setup', send('POST'))));

  function submit(event: FormEvent) {
    event.preventDefault();
    const path = enabled ? '/api/auth/totp/disable' : '/api/auth/totp/confirm';
    void run(
      async () => {
        const result = await api<{ enabled: boolean }>(path, send('POST', { code }));
        setEnabled(result.enabled);
        setSetup(null);
        setCode('');
      },
      t(enabled ? 'security.turnedOff' : 'security.turnedOn'),
    );
  }

  if (!visible) return <h2>{t('nav.security')}</h2>;
  return (
    <>
      <h2>{t('nav.security')}</h2>
      <p>{t('security.intro')}</p>
      {enabled !== null && (
        <p>
          <strong>{t(enabled ? 'security.on' : 'security.off')}</strong>
        </p>
      )}
      {enabled === false && !setup && (
        <button type="button" onClick={() => void start()}>
          {t('security.setUp')}
        </button>
      )}
      {setup && (
        <div>
          <p>{t('security.addToApp')}</p>
          <p>
            <code aria-label={t('security.secret')}>
              {setup.secret.match(/.{1,4}/g)?.join(' ')}
            </code>
          </p>
          <p>
            <small>{setup.otpauthUri}</small>
          </p>
        </div>
      )}
      {(setup || enabled) && (
        <form onSubmit={submit} aria-label={t('security.codeForm')}>
          <TotpCodeField value={code} onChange={setCode} />
          <button type="submit">{t(enabled ? 'security.turnOff' : 'security.turnOn')}</button>
        </form>
      )}
      {message && <p role="status">{message}</p>}
    </>
  );
}

/** The holder's own password: the current one proves it; every session ends, this one too. */
function PasswordChange({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const { message, run } = useApiAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('/api/accounts/me/password', send('POST', { current, password }));
      onChanged();
    });
  };
  return (
    <form onSubmit={submit} aria-label={t('security.changePassword')}>
      <h3>{t('security.changePassword')}</h3>
      <label>
        {t('security.currentPassword')}
        <input
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label>
        {t('security.newPassword')}
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit">{t('security.changePassword')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
