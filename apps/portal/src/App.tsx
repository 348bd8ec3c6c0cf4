import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, session } from './api/client';
import { setLanguage } from './i18n';
import { CaseloadPage } from './pages/CaseloadPage';
import { LoginPage, type SignedInUser } from './pages/LoginPage';
import { RegionCountsPage } from './pages/RegionCountsPage';
import { RegisterKpmPage } from './pages/RegisterKpmPage';

type View = 'caseload' | 'register' | 'regions';

/** What each role sees first; no screen offers an action the role cannot take. */
const VIEWS_BY_ROLE: Record<string, View[]> = {
  assistant: ['caseload', 'register', 'regions'],
  coordinator: ['regions', 'caseload', 'register'],
  dinas: ['regions', 'caseload'],
  admin: ['regions', 'caseload', 'register'],
  partner: [],
};

export function App() {
  const { t, i18n } = useTranslation();
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [view, setView] = useState<View>('caseload');
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    if (session.token()) api<SignedInUser>('/api/auth/me').then(signIn, () => session.clear());
  }, []);

  function signIn(signedIn: SignedInUser) {
    setUser(signedIn);
    setView(VIEWS_BY_ROLE[signedIn.role]?.[0] ?? 'caseload');
  }

  const views = user ? (VIEWS_BY_ROLE[user.role] ?? []) : [];
  return (
    <div className="app">
      <header>
        <h1>{t('app.title')}</h1>
        <p>{t('app.tagline')}</p>
        <label>
          {t('app.language')}
          <select
            value={i18n.language}
            onChange={(e) => setLanguage(e.target.value as 'id' | 'en')}
          >
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </label>
        {user && (
          <nav>
            {views.map((name) => (
              <button
                key={name}
                type="button"
                aria-current={view === name}
                onClick={() => setView(name)}
              >
                {t(`nav.${name}`)}
              </button>
            ))}
            <span>{user.displayName}</span>
            <button
              type="button"
              onClick={() => {
                session.clear();
                setUser(null);
              }}
            >
              {t('app.signOut')}
            </button>
          </nav>
        )}
      </header>
      <main>
        {!user && <LoginPage onSignedIn={signIn} />}
        {user && view === 'caseload' && <CaseloadPage refresh={refresh} />}
        {user && view === 'register' && (
          <RegisterKpmPage onRegistered={() => setRefresh((n) => n + 1)} />
        )}
        {user && view === 'regions' && (
          <RegionCountsPage scope={user.role === 'admin' ? null : user.regionCode} />
        )}
      </main>
    </div>
  );
}
