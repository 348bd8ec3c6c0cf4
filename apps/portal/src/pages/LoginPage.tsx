import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, session } from '../api/client';

export interface SignedInUser {
  userId: string;
  role: string;
  regionCode: string | null;
  displayName: string;
}

export function LoginPage({
  onSignedIn,
  onRegisterPartner,
}: {
  onSignedIn: (user: SignedInUser) => void;
  onRegisterPartner: () => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const result = await api<{ accessToken: string; refreshToken: string; user: SignedInUser }>(
        '/api/auth/login',
        {
          method: 'POST',
          body: JSON.stringify({ username, password }),
        },
      );
      session.save(result.accessToken, result.refreshToken);
      onSignedIn(result.user);
    } catch {
      setFailed(true);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">{t('login.title')}</h2>
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
