import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, session } from '../api/client';
import { TotpCodeField } from '../components/TotpCodeField';

export interface SignedInUser {
  userId: string;
  role: string;
  regionCode: string | null;
  displayName: string;
}

export function LoginPage({
  onSignedIn,
  onRegisterPartner,
  notice,
}: {
  onSignedIn: (user: SignedInUser) => void;
  onRegisterPartner: () => void;
  /** Why the sign-in shows again (a changed password), said above the form. */
  notice?: string;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  // Accounts with a second factor are asked for the authenticator's code after the password.
  const [needsCode, setNeedsCode] = useState(false);
  const [totpCode, setTotpCode] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const result = await api<{ accessToken: string; refreshToken: string; user: SignedInUser }>(
        '/api/auth/login',
        {
          method: 'POST',
          body: JSON.stringify({ username, password, ...(needsCode ? { totpCode } : {}) }),
        },
      );
      session.save(result.accessToken, result.refreshToken);
      onSignedIn(result.user);
    } catch (error) {
      if (error instanceof ApiError && error.body.error === 'totp-required') {
        setNeedsCode(true);
        setFailed(false);
      } else setFailed(true);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">{t('login.title')}</h2>
      {notice && <p role="status">{notice}</p>}
      <label>
        {t('login.username')}
        <input
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
      </label>
      <label>
        {t('login.password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {needsCode && <TotpCodeField value={totpCode} onChange={setTotpCode} />}
      {failed && <p role="alert">{t('login.failed')}</p>}
      <button type="submit">{t('login.submit')}</button>
      <p>
        {t('login.partnerPrompt')}{' '}
        <button type="button" onClick={onRegisterPartner}>
          {t('login.registerPartner')}
        </button>
      </p>
    </form>
  );
}
