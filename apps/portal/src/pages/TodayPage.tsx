import { useTranslation } from 'react-i18next';
import { villageTime } from '@jembatan/contracts/pure';
import type {
  CapitalReferralView,
  CommandResponse,
  DirectedTaskView,
  DueFollowUp,
  KpmSummary,
  P2k2SessionView,
  ReferralView,
} from '@jembatan/contracts';
import { HomeCard } from '../components/HomeCard';
import { clock, day, localToday } from '../lib/format';
import { sessionTitle } from '../lib/p2k2';
import { useQuery, type Query } from '../lib/use-query';

type MyAttendance = CommandResponse<'supervision.attendance.record'>;
type Items<T> = { items: T[] };
type Views = 'attendance' | 'p2k2' | 'reports' | 'partners' | 'capital' | 'board';

/** How many rows a card lists before "see all". */
const FIRST = 5;
const WEEK_AHEAD = 7;

function inDays(from: string, days: number): string {
  const at = new Date(`${from}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * The assistant's home: what today asks of them, in the order a field day goes. Attendance,
 * today's P2K2 sessions, the visits owed (follow-ups of graduated families and directed tasks),
 * referrals a partner or lender has left waiting too long, and the families ready to broker.
 */
export function TodayPage({
  go,
  openFamily,
  openSession,
}: {
  go: (view: Views) => void;
  openFamily: (kpmId: string) => void;
  openSession: (sessionId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const today = localToday();
  const weekAhead = inDays(today, WEEK_AHEAD);
  const attendance = useQuery<MyAttendance>('/api/attendance/me');
  const sessions = useQuery<Items<P2k2SessionView>>(`/api/p2k2/sessions?from=${today}&to=${today}`);
  const followUps = useQuery<Items<DueFollowUp> & { total: number }>(
    `/api/graduation/follow-ups?withinDays=${WEEK_AHEAD}&limit=${FIRST}`,
  );
  const tasks = useQuery<Items<DirectedTaskView>>(`/api/tasks?month=${today.slice(0, 7)}`);
  const lateReferrals = useQuery<Items<ReferralView>>('/api/referrals?overdue=true');
  const lateCapital = useQuery<Items<CapitalReferralView>>('/api/capital/referrals?overdue=true');
  const ready = useQuery<Items<KpmSummary> & { total: number }>(
    `/api/kpm?flag=ready&limit=${FIRST}`,
  );

  const openTasks = (data: Items<DirectedTaskView>) =>
    data.items.filter((task) => !task.doneAt && task.dueOn <= weekAhead);
  const todayEntry = (data: MyAttendance) => data.days.find((d) => d.day === today);

  return (
    <section>
      <h2>{t('home.today', { day: day(today) })}</h2>
      <div className="home-grid">
        <HomeCard
          title={t('home.attendance')}
          query={attendance}
          badge={false}
          total={(data) => (todayEntry(data)?.firstIn ? 1 : 0)}
          empty={
            <>
              {t('home.notCheckedIn')}{' '}
              <button type="button" onClick={() => go('attendance')}>
                {t('home.checkInNow')}
              </button>
            </>
          }
        >
          {(data) => {
            const entry = todayEntry(data)!;
            return (
              <p>
                {t('home.checkedInAt', { time: clock(entry.firstIn!) })}
                {entry.minutesLate > 0 &&
                  ` · ${t('home.minutesLate', { count: entry.minutesLate })}`}
              </p>
            );
          }}
        </HomeCard>

        <HomeCard
          title={t('home.sessions')}
          query={sessions}
          total={(data) => data.items.length}
          empty={t('home.noSessions')}
          more={{ label: t('home.allSessions'), onClick: () => go('p2k2') }}
        >
          {(data) => (
            <ul>
              {data.items.map((s) => (
                <li key={s.id}>
                  <button type="button" className="link" onClick={() => openSession(s.id)}>
                    {sessionTitle(s.module, s.sessionNo, i18n.language)}
                  </button>{' '}
                  · {s.groupName} · {villageTime(s.startsAt, s.villageCode).slice(11)} · {s.place}
                  {' · '}
                  {t(`p2k2.statuses.${s.status}`)}
                </li>
              ))}
            </ul>
          )}
        </HomeCard>

        <HomeCard
          title={t('home.visits')}
          query={followUps}
          total={(data) => data.total}
          empty={t('home.noVisits')}
        >
          {(data) => (
            <ul>
              {data.items.map((f) => (
                <li key={f.followUpId} className={f.overdue ? 'warn' : undefined}>
                  <button type="button" className="link" onClick={() => openFamily(f.kpmId)}>
                    {f.headName}
                  </button>{' '}
                  · {t('home.followUp', { months: f.monthsAfter })} ·{' '}
                  {f.overdue
                    ? t('home.lateSince', { day: day(f.dueOn) })
                    : t('home.dueOn', { day: day(f.dueOn) })}
                </li>
              ))}
            </ul>
          )}
        </HomeCard>

        <HomeCard
          title={t('home.tasks')}
          query={tasks}
          total={(data) => openTasks(data).length}
          empty={t('home.noTasks')}
          more={{ label: t('home.allTasks'), onClick: () => go('reports') }}
        >
          {(data) => (
            <ul>
              {openTasks(data)
                .slice(0, FIRST)
                .map((task) => (
                  <li key={task.id} className={task.overdue ? 'warn' : undefined}>
                    {task.title} ·{' '}
                    {task.overdue
                      ? t('home.lateSince', { day: day(task.dueOn) })
                      : t('home.dueOn', { day: day(task.dueOn) })}
                  </li>
                ))}
            </ul>
          )}
        </HomeCard>

        <LateReferrals
          partners={lateReferrals}
          capital={lateCapital}
          openFamily={openFamily}
          go={go}
        />

        <HomeCard
          title={t('home.ready')}
          query={ready}
          total={(data) => data.total}
          empty={t('home.noneReady')}
          more={{ label: t('home.toBoard'), onClick: () => go('board') }}
        >
          {(data) => (
            <ul>
              {data.items.map((family) => (
                <li key={family.id}>
                  <button type="button" className="link" onClick={() => openFamily(family.id)}>
                    {family.headName}
                  </button>
                  {family.readinessScore !== null &&
                    ` · ${t('home.score', { score: family.readinessScore })}`}
                </li>
              ))}
            </ul>
          )}
        </HomeCard>
      </div>
    </section>
  );
}

/** Referrals waiting past their deadline: a partner's answer, or a lender's next step. */
function LateReferrals({
  partners,
  capital,
  openFamily,
  go,
}: {
  partners: Query<Items<ReferralView>>;
  capital: Query<Items<CapitalReferralView>>;
  openFamily: (kpmId: string) => void;
  go: (view: Views) => void;
}) {
  const { t } = useTranslation();
  // One card over both reads: loading until both answer, failed if either failed.
  const retry = () => {
    partners.retry();
    capital.retry();
  };
  const both: Query<{ partners: ReferralView[]; capital: CapitalReferralView[] }> =
    partners.state === 'ready' && capital.state === 'ready'
      ? {
          state: 'ready',
          data: { partners: partners.data.items, capital: capital.data.items },
          retry,
        }
      : {
          state: partners.state === 'failed' || capital.state === 'failed' ? 'failed' : 'loading',
          retry,
        };
  return (
    <HomeCard
      title={t('home.lateReferrals')}
      query={both}
      total={(data) => data.partners.length + data.capital.length}
      empty={t('home.noLateReferrals')}
      more={{ label: t('home.allReferrals'), onClick: () => go('partners') }}
    >
      {(data) => (
        <ul>
          {data.partners.slice(0, FIRST).map((r) => (
            <li key={r.id} className="warn">
              <button type="button" className="link" onClick={() => openFamily(r.kpmId)}>
                {r.family.headName}
              </button>{' '}
              · {r.offerTitle} ({r.partnerName}) ·{' '}
              {t('home.answerLate', { day: day(r.answerDueAt ?? r.createdAt) })}
            </li>
          ))}
          {data.capital.slice(0, FIRST).map((r) => (
            <li key={r.id} className="warn">
              <button type="button" className="link" onClick={() => openFamily(r.kpmId)}>
                {r.family?.headName ?? t('capital.title')}
              </button>{' '}
              · {t(`capital.statuses.${r.status}`)} ·{' '}
              {t(r.waitingOn === 'assistant' ? 'home.yourMove' : 'home.lenderLate', {
                day: day(r.dueAt ?? r.updatedAt),
              })}
            </li>
          ))}
        </ul>
      )}
    </HomeCard>
  );
}
