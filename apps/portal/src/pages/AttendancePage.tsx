import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_IN_KINDS, type CommandResponse } from '@jembatan/contracts';
import { api } from '../api/client';
import {
  AttendanceRecord,
  EntryFlags,
  type AttendanceEntryView,
} from '../components/AttendanceRecord';
import { DailyReport } from '../components/DailyReport';
import { locate } from '../lib/geolocation';
import { send, useApiAction } from '../lib/use-api-action';
import { outbox } from '../offline/sync';
import { useItems } from '../lib/use-items';
import { dateTime } from '../lib/format';

type Meeting = CommandResponse<'supervision.meeting.list'>['items'][number];
type Announcement = CommandResponse<'supervision.announcement.list'>['items'][number];

/** The phone's position as attendance takes it, or null. */
async function here() {
  const p = await locate();
  return p ? { lat: p.latitude, lng: p.longitude, accuracyM: p.accuracyMeters } : null;
}

/**
 * The assistant's own attendance: check in for the office or a home visit with the phone's
 * location, check out, join a meeting, read announcements, ask to correct a day, and the month.
 */
export function AttendancePage() {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const { message, setMessage, run } = useApiAction(refresh);
  const [last, setLast] = useState<AttendanceEntryView | null>(null);

  const meetings = useItems<Meeting>('/api/meetings', reload);
  const announcements = useItems<Announcement>('/api/announcements', reload);

  const checkIn = async (kind: string, refId?: string) => {
    const location = await here();
    const body = { kind, ...(refId ? { refId } : {}), location };
    // Without a connection the check-in waits on the phone and counts at the time it was made.
    const result = await run(() =>
      outbox.submit<AttendanceEntryView>({
        key: crypto.randomUUID(),
        path: '/api/attendance/check-in',
        body,
        bodyIfQueued: { ...body, recordedAt: new Date().toISOString() },
        label: t(`checkInKinds.${kind}`),
      }),
    );
    if (!result) return;
    if (result.queued) setMessage(t('offline.queued'));
    else {
      setMessage(t('attendance.checkedIn'));
      setLast(result.answer);
    }
  };
  const checkOut = async (id: string) => {
    const location = await here();
    await run(
      () => api(`/api/attendance/${id}/check-out`, send('POST', { location })),
      t('attendance.checkedOut'),
    );
    setLast(null);
  };

  const upcoming = meetings.filter(
    (m) => m.mine === 'pending' && Date.parse(m.endsAt) > Date.now(),
  );
  return (
    <section>
      <h2>{t('nav.attendance')}</h2>
      <div className="check-in">
        <button type="button" className="primary" onClick={() => checkIn('office')}>
          {t('attendance.checkInOffice')}
        </button>
        <button type="button" onClick={() => checkIn('home-visit')}>
          {t('attendance.checkInVisit')}
        </button>
        {last && !last.checkOutAt && (
          <button type="button" onClick={() => checkOut(last.id)}>
            {t('attendance.checkOut')}
          </button>
        )}
      </div>
      <p role="status">
        {message}
        {last && (
          <>
            {' '}
            {last.localTime}
            {last.minutesLate > 0 &&
              ` · ${t('attendance.lateBy', { minutes: last.minutesLate })}`}{' '}
            <EntryFlags flags={last.flags} />
          </>
        )}
      </p>

      {upcoming.length > 0 && (
        <>
          <h3>{t('meetings.title')}</h3>
          <ul>
            {upcoming.map((m) => (
              <li key={m.id}>
                {m.title} · {dateTime(m.startsAt)} · {m.placeName}{' '}
                <button type="button" onClick={() => checkIn('meeting', m.id)}>
                  {t('meetings.checkIn')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      {announcements.length > 0 && (
        <>
          <h3>{t('announcements.title')}</h3>
          <ul className="announcements">
            {announcements.map((a) => (
              <li key={a.id} className={a.readAt ? 'read' : 'unread'}>
                <strong>{a.title}</strong> <small>{dateTime(a.postedAt)}</small>
                <p>{a.body}</p>
                {!a.readAt && (
                  <button
                    type="button"
                    onClick={() => run(() => api(`/api/announcements/${a.id}/read`, send('POST')))}
                  >
                    {t('announcements.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      <DailyReport canSubmit />
      <AttendanceRecord path="/api/attendance/me" reload={reload} />
      <CorrectionForm onSent={refresh} />
    </section>
  );
}

/** Asks the coordinator to correct a day: what should have been recorded, and why. */
function CorrectionForm({ onSent }: { onSent: () => void }) {
  const { t } = useTranslation();
  const { message, run } = useApiAction(onSent);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    void run(
      () =>
        api(
          '/api/attendance/corrections',
          send(
            'POST',
            {
              day: value('day'),
              kind: value('kind'),
              checkInTime: value('checkInTime'),
              ...(value('checkOutTime') ? { checkOutTime: value('checkOutTime') } : {}),
              reason: value('reason'),
            },
            true,
          ),
        ),
      t('attendance.correctionSent'),
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('attendance.correction')}>
      <h3>{t('attendance.correction')}</h3>
      <label>
        {t('attendance.day')} <input type="date" name="day" required />
      </label>
      <label>
        {t('attendance.kind')}{' '}
        <select name="kind">
          {CHECK_IN_KINDS.filter((k) => k !== 'meeting').map((k) => (
            <option key={k} value={k}>
              {t(`checkInKinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('attendance.in')} <input type="time" name="checkInTime" required />
      </label>
      <label>
        {t('attendance.out')} <input type="time" name="checkOutTime" />
      </label>
      <label>
        {t('attendance.reason')} <textarea name="reason" />
      </label>
      <button type="submit">{t('attendance.sendCorrection')}</button>
      <p role="status">{message}</p>
    </form>
  );
}
