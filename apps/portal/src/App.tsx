import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, session } from './api/client';
import { setLanguage } from './i18n';
import { BoardPage } from './pages/BoardPage';
import { CaseloadPage } from './pages/CaseloadPage';
import { FamilyPage } from './pages/FamilyPage';
import { ImportPage } from './pages/ImportPage';
import { LoginPage, type SignedInUser } from './pages/LoginPage';
import { RegionCountsPage } from './pages/RegionCountsPage';
import { RegisterKpmPage } from './pages/RegisterKpmPage';

type View = 'caseload' | 'board' | 'register' | 'import' | 'regions';

/** What each role sees first; no screen offers an action the role cannot take. */
const VIEWS_BY_ROLE: Record<string, View[]> = {
  assistant: ['caseload', 'board', 'register', 'import', 'regions'],
  coordinator: ['regions', 'caseload', 'board', 'register', 'import'],
  dinas: ['regions', 'caseload', 'board'],
  admin: ['regions', 'caseload', 'board', 'register', 'import'],
  partner: [],
};

export function App() {
  const { t, i18n } = useTranslation();
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [view, setView] = useState<View>('caseload');
  const [refresh, setRefresh] = useState(0);
  // A family's profile is addressable (#/kpm/<id>) so it can be bookmarked and shared.
  const [family, setFamily] = useState<string | null>(() => familyInHash());

  useEffect(() => {
    const onHash = () => setFamily(familyInHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const open = (kpmId: string) => {
    window.location.hash = `#/kpm/${kpmId}`;
  };
  const go = (name: View) => {
    window.location.hash = '';
    setView(name);
  };

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
                aria-current={!family && view === name}
                onClick={() => go(name)}
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
        {user && family && (
          <FamilyPage
            kpmId={family}
            canManage={['assistant', 'coordinator', 'admin'].includes(user.role)}
            canTransfer={['coordinator', 'admin'].includes(user.role)}
          />
        )}
        {user && !family && view === 'caseload' && <CaseloadPage refresh={refresh} onOpen={open} />}
        {user && !family && view === 'board' && <BoardPage onOpen={open} />}
        {user && !family && view === 'import' && (
          <ImportPage needsAssistant={user.role !== 'assistant'} />
        )}
        {user && !family && view === 'register' && (
          <RegisterKpmPage onRegistered={() => setRefresh((n) => n + 1)} />
        )}
        {user && !family && view === 'regions' && (
          <RegionCountsPage scope={user.role === 'admin' ? null : user.regionCode} />
        )}
      </main>
    </div>
  );
}

function familyInHash(): string | null {
  return /^#\/kpm\/([0-9a-f-]{36})$/.exec(window.location.hash)?.[1] ?? null;
}
