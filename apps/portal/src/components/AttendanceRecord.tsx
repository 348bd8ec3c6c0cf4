import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResponse } from '@jembatan/contracts';
import { api } from '../api/client';
import { day } from '../lib/format';

export type AttendanceRecordView = CommandResponse<'supervision.attendance.record'>;
export type AttendanceEntryView = AttendanceRecordView['entries'][number];

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** Flags of a check-in as short translated badges. */
export function EntryFlags({ flags }: { flags: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {flags.map((flag) => (
        <span key={flag} className={`flag flag-${flag}`}>
          {t(`attendanceFlags.${flag}`)}
        </span>
      ))}
    </>
  );
}

/**
 * One assistant's month: totals, each day's status, the check-ins behind them, corrections and
 * missed meetings. `path` is the gateway route (their own record, or one a supervisor opens).
 */
export function AttendanceRecord({ path, reload = 0 }: { path: string; reload?: number }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(thisMonth());
  const [record, setRecord] = useState<AttendanceRecordView | null>(null);

  useEffect(() => {
    api<AttendanceRecordView>(`${path}?month=${month}`).then(setRecord, () => setRecord(null));
  }, [path, month, reload]);

  if (!record) return null;
  const { summary } = record;
  return (
    <section aria-label={t('attendance.recordOf', { name: record.assistant.name })}>
      <h3>
        {t('attendance.recordOf', { name: record.assistant.name })}{' '}
        <input
          type="month"
          aria-label={t('attendance.month')}
          value={month}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
        />
      </h3>
      <p data-testid="attendance-summary">
        {t('attendance.summary', {
          workingDays: summary.workingDays,
          present: summary.present,
          late: summary.late,
          absent: summary.absent,
          meetingsMissed: summary.meetingsMissed,
        })}
      </p>
      <ol className="month-grid">
        {/* Monday-first weeks: blank cells before the 1st. */}
        {Array.from(
          { length: (new Date(`${record.month}-01T00:00:00Z`).getUTCDay() + 6) % 7 },
          (_, i) => (
            <li key={`blank-${i}`} className="blank" aria-hidden="true" />
          ),
        )}
        {record.days.map((d) => (
          <li
            key={d.day}
            className={`day day-${d.status}`}
            title={[d.holiday, t(`dayStatus.${d.status}`)].filter(Boolean).join(' · ')}
          >
            <span>{Number(d.day.slice(8))}</span>
            <small>{t(`dayStatus.${d.status}`)}</small>
          </li>
        ))}
      </ol>
      {record.entries.length > 0 && (
        <table aria-label={t('attendance.entries')}>
          <thead>
            <tr>
              <th>{t('attendance.day')}</th>
              <th>{t('attendance.kind')}</th>
              <th>{t('attendance.in')}</th>
              <th>{t('attendance.out')}</th>
              <th>{t('attendance.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {record.entries.map((e) => (
              <tr key={e.id}>
                <td>{day(e.day)}</td>
                <td>{t(`checkInKinds.${e.kind}`)}</td>
                <td>
                  {e.localTime}
                  {e.minutesLate > 0 && ` (+${e.minutesLate} ${t('attendance.minutes')})`}
                </td>
                <td>{e.checkOutAt ? new Date(e.checkOutAt).toLocaleTimeString() : '-'}</td>
                <td>
                  <EntryFlags flags={e.flags} />
                  {e.corrected && <span className="flag">{t('attendance.corrected')}</span>}
                  {e.recordedOffline && (
                    <span className="flag">{t('attendance.recordedOffline')}</span>
                  )}
                  {e.distanceM !== null && ` ${e.distanceM} m`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {record.meetingsMissed.length > 0 && (
        <p>
          {t('attendance.meetingsMissed')}:{' '}
          {record.meetingsMissed.map((m) => `${m.title} (${day(m.startsAt)})`).join(', ')}
        </p>
      )}
      {record.corrections.length > 0 && (
        <ul>
          {record.corrections.map((c) => (
            <li key={c.id}>
              {day(c.day)} {t(`checkInKinds.${c.kind}`)} {c.checkInTime}: {c.reason} —{' '}
              {t(`correctionStatus.${c.status}`)}
              {c.decisionNote && ` (${c.decisionNote})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
