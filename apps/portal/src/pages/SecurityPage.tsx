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
 * The account's second factor (Dinas and admin): a secret for an authenticator app, confirmed
 * with the app's first code; turned off with a code too.
 */
export function SecurityPage() {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState('');
  const { message, run } = useApiAction();

  useEffect(() => {
    api<{ enabled: boolean }>('/api/auth/totp').then(
      (r) => setEnabled(r.enabled),
      () => setEnabled(null),
    );
  }, []);

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

  return (
    <section>
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
    </section>
  );
}
