import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, session } from './api/client';
import { setLanguage } from './i18n';
import { LoginPage, type SignedInUser } from './pages/LoginPage';
import { SyncStatus } from './components/SyncStatus';
import { isNetworkFailure } from './offline/outbox';
import { setOutboxOwner } from './offline/sync';

// Each screen is its own chunk, fetched when first opened: the first paint on a phone over a
// weak connection carries the shell and the sign-in form only.
const AttendancePage = lazy(() =>
  import('./pages/AttendancePage').then((m) => ({ default: m.AttendancePage })),
);
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const BoardPage = lazy(() => import('./pages/BoardPage').then((m) => ({ default: m.BoardPage })));
const CapitalPage = lazy(() =>
  import('./pages/CapitalPage').then((m) => ({ default: m.CapitalPage })),
);
const CaseloadPage = lazy(() =>
  import('./pages/CaseloadPage').then((m) => ({ default: m.CaseloadPage })),
);
const CoordinationPage = lazy(() =>
  import('./pages/CoordinationPage').then((m) => ({ default: m.CoordinationPage })),
);
const CoursesPage = lazy(() =>
  import('./pages/CoursesPage').then((m) => ({ default: m.CoursesPage })),
);
const DashboardPage = lazy(() =>
  import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);
const FamilyPage = lazy(() =>
  import('./pages/FamilyPage').then((m) => ({ default: m.FamilyPage })),
);
const ImportPage = lazy(() =>
  import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })),
);
const RegionCountsPage = lazy(() =>
  import('./pages/RegionCountsPage').then((m) => ({ default: m.RegionCountsPage })),
);
const RegisterKpmPage = lazy(() =>
  import('./pages/RegisterKpmPage').then((m) => ({ default: m.RegisterKpmPage })),
);
const ReportsPage = lazy(() =>
  import('./pages/ReportsPage').then((m) => ({ default: m.ReportsPage })),
);
const P2k2Page = lazy(() => import('./pages/P2k2Page').then((m) => ({ default: m.P2k2Page })));
const PartnerHomePage = lazy(() =>
  import('./pages/PartnerHomePage').then((m) => ({ default: m.PartnerHomePage })),
);
const PartnerRegisterPage = lazy(() =>
  import('./pages/PartnerRegisterPage').then((m) => ({ default: m.PartnerRegisterPage })),
);
const PartnersPage = lazy(() =>
  import('./pages/PartnersPage').then((m) => ({ default: m.PartnersPage })),
);
const ResourceMapPage = lazy(() =>
  import('./pages/ResourceMapPage').then((m) => ({ default: m.ResourceMapPage })),
);
const SavingsPage = lazy(() =>
  import('./pages/SavingsPage').then((m) => ({ default: m.SavingsPage })),
);
const AccountsPage = lazy(() =>
  import('./pages/AccountsPage').then((m) => ({ default: m.AccountsPage })),
);
const SecurityPage = lazy(() =>
  import('./pages/SecurityPage').then((m) => ({ default: m.SecurityPage })),
);
const SessionSheet = lazy(() =>
  import('./pages/SessionSheet').then((m) => ({ default: m.SessionSheet })),
);
const TodayPage = lazy(() => import('./pages/TodayPage').then((m) => ({ default: m.TodayPage })));
const TrainingsPage = lazy(() =>
  import('./pages/TrainingsPage').then((m) => ({ default: m.TrainingsPage })),
);
const TutorPage = lazy(() => import('./pages/TutorPage').then((m) => ({ default: m.TutorPage })));

type View =
  | 'today'
  | 'caseload'
  | 'board'
  | 'register'
  | 'import'
  | 'regions'
  | 'p2k2'
  | 'trainings'
  | 'courses'
  | 'tutor'
  | 'attendance'
  | 'dashboard'
  | 'coordination'
  | 'reports'
  | 'partners'
  | 'resourceMap'
  | 'partnerHome'
  | 'capital'
  | 'savings'
  | 'audit'
  | 'accounts'
  | 'security';

/** What each role sees first; no screen offers an action the role cannot take. */
const VIEWS_BY_ROLE: Record<string, View[]> = {
  assistant: [
    'today',
    'caseload',
    'attendance',
    'reports',
    'p2k2',
    'trainings',
    'partners',
    'capital',
    'savings',
    'resourceMap',
    'board',
    'register',
    'import',
    'courses',
    'regions',
    'security',
  ],
  coordinator: [
    'dashboard',
    'reports',
    'coordination',
    'regions',
    'caseload',
    'p2k2',
    'trainings',
    'partners',
    'capital',
    'savings',
    'resourceMap',
    'board',
    'courses',
    'register',
    'import',
    'security',
  ],
  dinas: [
    'dashboard',
    'partners',
    'capital',
    'savings',
    'resourceMap',
    'reports',
    'coordination',
    'regions',
    'caseload',
    'p2k2',
    'trainings',
    'board',
    'courses',
    'accounts',
    'audit',
    'security',
  ],
  admin: [
    'accounts',
    'dashboard',
    'partners',
    'capital',
    'savings',
    'resourceMap',
    'reports',
    'coordination',
    'regions',
    'caseload',
    'p2k2',
    'trainings',
    'board',
    'courses',
    'register',
    'import',
    'audit',
    'security',
  ],
  partner: ['partnerHome', 'capital', 'trainings', 'tutor', 'security'],
  // A group's treasurer is a family member: the savings ledger, and their own password.
  treasurer: ['savings', 'security'],
};

/** Addressable pages: a family (#/kpm/<id>) or a P2K2 session sheet (#/p2k2/<id>). */
type Route = { kind: 'kpm' | 'p2k2'; id: string } | null;

function routeInHash(): Route {
  const match = /^#\/(kpm|p2k2)\/([0-9a-f-]{36})$/.exec(window.location.hash);
  return match ? { kind: match[1] as 'kpm' | 'p2k2', id: match[2]! } : null;
}

export function App() {
  const { t, i18n } = useTranslation();
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [view, setView] = useState<View>('caseload');
  const [refresh, setRefresh] = useState(0);
  const [registering, setRegistering] = useState(false);
  const [notice, setNotice] = useState('');
  // A family's profile and a session sheet are addressable so they can be bookmarked and shared.
  const [route, setRoute] = useState<Route>(() => routeInHash());
  const family = route?.kind === 'kpm' ? route.id : null;
  const sheet = route?.kind === 'p2k2' ? route.id : null;

  useEffect(() => {
    const onHash = () => setRoute(routeInHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const open = (kpmId: string) => {
    window.location.hash = `#/kpm/${kpmId}`;
  };
  const openSession = (sessionId: string) => {
    window.location.hash = `#/p2k2/${sessionId}`;
  };
  const go = (name: View) => {
    window.location.hash = '';
    setView(name);
  };

  useEffect(() => {
    if (!session.token()) return;
    api<SignedInUser>('/api/auth/me').then(signIn, (error: unknown) => {
      // No connection (a kelurahan without signal): open as who signed in on this tab.
      const known = session.user<SignedInUser>();
      if (isNetworkFailure(error) && known) signIn(known);
      else session.clear();
    });
  }, []);

  function signIn(signedIn: SignedInUser) {
    session.saveUser(signedIn);
    setOutboxOwner(signedIn.userId);
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
            onChange={(e) => void setLanguage(e.target.value as 'id' | 'en')}
          >
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </label>
        {user && (
          <nav>
            <div className="views">
              {views.map((name) => (
                <button
                  key={name}
                  type="button"
                  aria-current={!route && view === name}
                  onClick={() => go(name)}
                >
                  {t(`nav.${name}`)}
                </button>
              ))}
            </div>
            <SyncStatus />
            <span>{user.displayName}</span>
            <button
              type="button"
              onClick={() => {
                // Ends the session at the gateway too: its tokens stop working at once.
                void api('/api/auth/logout', { method: 'POST' })
                  .catch(() => undefined)
                  .finally(() => {
                    session.clear();
                    setOutboxOwner(null);
                    setUser(null);
                  });
              }}
            >
              {t('app.signOut')}
            </button>
          </nav>
        )}
      </header>
      <main>
        <Suspense fallback={<p>{t('app.loading')}</p>}>
          {!user && !registering && (
            <LoginPage
              onSignedIn={signIn}
              onRegisterPartner={() => setRegistering(true)}
              notice={notice}
            />
          )}
          {!user && registering && <PartnerRegisterPage onBack={() => setRegistering(false)} />}
          {user && family && (
            <FamilyPage
              kpmId={family}
              canManage={['assistant', 'coordinator', 'admin'].includes(user.role)}
              canTransfer={['coordinator', 'admin'].includes(user.role)}
            />
          )}
          {user && sheet && <SessionSheet sessionId={sheet} canHold={user.role === 'assistant'} />}
          {user && !route && view === 'p2k2' && (
            <P2k2Page
              canPlan={['assistant', 'coordinator', 'admin'].includes(user.role)}
              onOpenSession={openSession}
            />
          )}
          {user && !route && view === 'trainings' && <TrainingsPage role={user.role} />}
          {user && !route && view === 'courses' && <CoursesPage role={user.role} />}
          {user && !route && view === 'tutor' && <TutorPage />}
          {user && !route && view === 'partnerHome' && <PartnerHomePage go={go} />}
          {user && !route && view === 'partners' && <PartnersPage role={user.role} />}
          {user && !route && view === 'capital' && <CapitalPage role={user.role} />}
          {user && !route && view === 'savings' && <SavingsPage role={user.role} />}
          {user && !route && view === 'audit' && <AuditPage />}
          {user && !route && view === 'security' && (
            <SecurityPage
              secondFactor={['dinas', 'admin'].includes(user.role)}
              onPasswordChanged={() => {
                // The change ended every session of the account: sign in again with the new one.
                session.clear();
                setOutboxOwner(null);
                setUser(null);
                setNotice(t('security.passwordChanged'));
              }}
            />
          )}
          {user && !route && view === 'accounts' && <AccountsPage role={user.role} />}
          {user && !route && view === 'resourceMap' && (
            <ResourceMapPage scope={user.role === 'admin' ? null : user.regionCode} />
          )}
          {user && !route && view === 'today' && (
            <TodayPage go={go} openFamily={open} openSession={openSession} />
          )}
          {user && !route && view === 'caseload' && (
            <CaseloadPage refresh={refresh} onOpen={open} />
          )}
          {user && !route && view === 'board' && <BoardPage onOpen={open} />}
          {user && !route && view === 'import' && (
            <ImportPage needsAssistant={user.role !== 'assistant'} />
          )}
          {user && !route && view === 'register' && (
            <RegisterKpmPage onRegistered={() => setRefresh((n) => n + 1)} />
          )}
          {user && !route && view === 'attendance' && <AttendancePage />}
          {user && !route && view === 'dashboard' && (
            <DashboardPage
              scope={user.role === 'admin' ? null : user.regionCode}
              canSetTarget={['dinas', 'admin'].includes(user.role)}
            />
          )}
          {user && !route && view === 'coordination' && <CoordinationPage />}
          {user && !route && view === 'reports' && (
            <ReportsPage role={user.role} scope={user.role === 'admin' ? null : user.regionCode} />
          )}
          {user && !route && view === 'regions' && (
            <RegionCountsPage scope={user.role === 'admin' ? null : user.regionCode} />
          )}
        </Suspense>
      </main>
    </div>
  );
}
