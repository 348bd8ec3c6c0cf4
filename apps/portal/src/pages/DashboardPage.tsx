import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResponse, RegionStats } from '@jembatan/contracts';
import { api } from '../api/client';
import { parentWithin } from '../lib/regions';
import { AlertsPanel } from '../components/AlertsPanel';
import { AttendanceRecord } from '../components/AttendanceRecord';
import { CoachingNotes } from '../components/CoachingNotes';
import { GraduationFunnel } from '../components/GraduationFunnel';
import { DailyReport } from '../components/DailyReport';
import { send, useApiAction } from '../lib/use-api-action';
import { useItems } from '../lib/use-items';
import { StatsTable } from './RegionCountsPage';
import { clock, day } from '../lib/format';

type Today = CommandResponse<'supervision.attendance.today'>;
type Correction = CommandResponse<'supervision.correction.list'>['items'][number];
type Stats = { year: number; region: RegionStats; children: RegionStats[] };

/**
 * The Dinas and coordinators' dashboard: attendance today with the lateness trend, ratios and
 * graduation against targets, drilled down from city to kecamatan to the assistant's record,
 * and the corrections waiting for a decision.
 */
export function DashboardPage({
  scope,
  canSetTarget,
}: {
  scope: string | null;
  canSetTarget: boolean;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(scope);
  const [assistant, setAssistant] = useState<{ id: string; name: string } | null>(null);
  const [today, setToday] = useState<Today | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const query = code ? `?regionCode=${code}` : '';
    api<Today>(`/api/attendance/today${query}`).then(setToday, () => setToday(null));
    api<Stats>(`/api/regions/stats${query}`).then(setStats, () => setStats(null));
  }, [code, reload]);

  const drill = (next: string | null) => {
    setAssistant(null);
    setCode(next);
  };
  const parent = parentWithin(code, scope);
  return (
    <section>
      <h2>{t('dashboard.title')}</h2>
      {today && (
        <>
          <p>
            <strong>{today.region.name}</strong> · {day(today.day)}{' '}
            {parent !== undefined && (
              <button type="button" onClick={() => drill(parent)}>
                {t('regions.up')}
              </button>
            )}
          </p>
          <table aria-label={t('dashboard.attendanceToday')}>
            <caption>{t('dashboard.attendanceToday')}</caption>
            <thead>
              <tr>
                <th>{t('regions.region')}</th>
                <th>{t('dashboard.expected')}</th>
                <th>{t('dashboard.present')}</th>
                <th>{t('dashboard.late')}</th>
                <th>{t('dashboard.missing')}</th>
              </tr>
            </thead>
            <tbody>
              {[today.region, ...today.children.filter((c) => c.expected > 0)].map((r, i) => (
                <tr key={r.code ?? 'nation'} data-testid={`attendance-${r.code ?? 'nation'}`}>
                  <td>
                    {i === 0 ? (
                      <strong>{r.name}</strong>
                    ) : (
                      <button type="button" onClick={() => drill(r.code)}>
                        {r.name}
                      </button>
                    )}
                  </td>
                  <td>{r.expected}</td>
                  <td>{r.present}</td>
                  <td className={r.late > 0 ? 'warn' : undefined}>{r.late}</td>
                  <td>{r.missing}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LatenessTrend points={today.trend} />
          {today.assistants.length > 0 && (
            <table aria-label={t('dashboard.assistants')}>
              <caption>{t('dashboard.assistants')}</caption>
              <thead>
                <tr>
                  <th>{t('dashboard.assistant')}</th>
                  <th>{t('dashboard.status')}</th>
                  <th>{t('dashboard.firstIn')}</th>
                </tr>
              </thead>
              <tbody>
                {today.assistants.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <button type="button" onClick={() => setAssistant(a)}>
                        {a.name}
                      </button>
                    </td>
                    <td className={`status-${a.status}`}>
                      {t(`dayStatus.${a.status}`)}
                      {a.minutesLate > 0 && ` (+${a.minutesLate} ${t('attendance.minutes')})`}
                    </td>
                    <td>{a.firstIn ? clock(a.firstIn) : '-'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {assistant && (
        <>
          <AttendanceRecord path={`/api/attendance/assistants/${assistant.id}`} />
          <DailyReport assistantId={assistant.id} canSubmit={false} />
          <CoachingNotes assistantId={assistant.id} canWrite />
        </>
      )}
      <AlertsPanel regionCode={code} />
      {stats && (
        <GraduationFunnel
          region={stats.region}
          year={stats.year}
          canSetTarget={canSetTarget}
          onTargetSet={() => setReload((n) => n + 1)}
        />
      )}
      {stats && <StatsTable stats={stats} />}
      <PendingCorrections onDecided={() => setReload((n) => n + 1)} />
    </section>
  );
}

/** Present and late per day over the last two weeks, as bars (late in red). */
function LatenessTrend({ points }: { points: Today['trend'] }) {
  const { t } = useTranslation();
  if (points.length === 0) return null;
  const width = 320;
  const height = 100;
  const max = Math.max(1, ...points.map((p) => p.present));
  // Always room for two weeks, so one day does not fill the chart.
  const bar = (width - 20) / Math.max(points.length, 14);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('dashboard.trend')}
        width={width}
        height={height}
      >
        {points.map((p, i) => {
          const h = ((height - 20) * p.present) / max;
          const late = ((height - 20) * p.late) / max;
          return (
            <g key={p.day}>
              <title>
                {t('dashboard.trendPoint', { day: day(p.day), present: p.present, late: p.late })}
              </title>
              <rect
                x={10 + i * bar}
                y={height - 10 - h}
                width={bar - 2}
                height={h}
                fill="#0b5cad"
              />
              <rect
                x={10 + i * bar}
                y={height - 10 - late}
                width={bar - 2}
                height={late}
                fill="#a4000f"
              />
            </g>
          );
        })}
      </svg>
      <figcaption>{t('dashboard.trend')}</figcaption>
    </figure>
  );
}

/** Corrections asked by assistants of the region, to approve or reject with a note. */
function PendingCorrections({ onDecided }: { onDecided: () => void }) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const items = useItems<Correction>('/api/attendance/corrections?status=pending', reload);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const { message, run } = useApiAction(() => {
    setReload((n) => n + 1);
    onDecided();
  });
  if (items.length === 0 && !message) return null;
  const decide = (id: string, approve: boolean) =>
    run(
      () =>
        api(
          `/api/attendance/corrections/${id}/decision`,
          send('POST', { approve, ...(notes[id] ? { note: notes[id] } : {}) }),
        ),
      t(approve ? 'corrections.approved' : 'corrections.rejected'),
    );
  return (
    <section aria-label={t('corrections.title')}>
      <h3>{t('corrections.title')}</h3>
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <strong>{c.assistantName ?? c.assistantId}</strong> · {day(c.day)} ·{' '}
            {t(`checkInKinds.${c.kind}`)} {c.checkInTime}
            {c.checkOutTime && `–${c.checkOutTime}`}: {c.reason}{' '}
            <input
              aria-label={t('corrections.note')}
              placeholder={t('corrections.note')}
              value={notes[c.id] ?? ''}
              onChange={(e) => setNotes({ ...notes, [c.id]: e.target.value })}
            />
            <button type="button" onClick={() => decide(c.id, true)}>
              {t('corrections.approve')}
            </button>
            <button type="button" onClick={() => decide(c.id, false)}>
              {t('corrections.reject')}
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{message}</p>
    </section>
  );
}
