import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResponse } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';
import { useItems } from '../lib/use-items';
import { dateTime } from '../lib/format';

type MeetingItem = CommandResponse<'supervision.meeting.list'>['items'][number];
type Meeting = CommandResponse<'supervision.meeting.get'>;
type Announcement = CommandResponse<'supervision.announcement.list'>['items'][number];
type Receipts = CommandResponse<'supervision.announcement.receipts'>;

const REGISTER = ['present', 'late', 'absent', 'excused'] as const;

/** `2026-11-24T09:00` from a datetime-local input, as an instant in the browser's zone. */
const instant = (local: string) => new Date(local).toISOString();

/** The coordinator's tools: call meetings, keep their register and minutes, and announce. */
export function CoordinationPage() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Meeting | null>(null);
  const [receipts, setReceipts] = useState<Receipts | null>(null);
  const [reload, setReload] = useState(0);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const { message, run } = useApiAction(refresh);

  const meetings = useItems<MeetingItem>('/api/meetings', reload);
  const announcements = useItems<Announcement>('/api/announcements', reload);

  const schedule = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    void run(
      () =>
        api(
          '/api/meetings',
          send(
            'POST',
            {
              title: value('title'),
              startsAt: value('startsAt') && instant(value('startsAt')),
              endsAt: value('endsAt') && instant(value('endsAt')),
              placeName: value('placeName'),
            },
            true,
          ),
        ),
      t('meetings.scheduled'),
    );
  };
  const announce = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(
      () =>
        api(
          '/api/announcements',
          send('POST', { title: String(form.get('title')), body: String(form.get('body')) }, true),
        ),
      t('announcements.posted'),
    );
  };
  const saveRegister = (meeting: Meeting, minutes: string) =>
    run(async () => {
      const saved = await api<Meeting>(
        `/api/meetings/${meeting.id}/record`,
        send('POST', {
          attendance: meeting.invitees
            .filter((i) => i.status !== 'pending')
            .map((i) => ({ assistantId: i.assistantId, status: i.status })),
          minutes,
        }),
      );
      setOpen(saved);
    }, t('meetings.saved'));

  return (
    <section>
      <h2>{t('nav.coordination')}</h2>
      <p role="status">{message}</p>
      <form onSubmit={schedule} aria-label={t('meetings.schedule')}>
        <h3>{t('meetings.schedule')}</h3>
        <label>
          {t('meetings.titleField')} <input name="title" />
        </label>
        <label>
          {t('meetings.startsAt')} <input type="datetime-local" name="startsAt" />
        </label>
        <label>
          {t('meetings.endsAt')} <input type="datetime-local" name="endsAt" />
        </label>
        <label>
          {t('meetings.place')} <input name="placeName" />
        </label>
        <button type="submit">{t('meetings.scheduleButton')}</button>
      </form>
      <h3>{t('meetings.title')}</h3>
      <ul>
        {meetings.map((m) => (
          <li key={m.id}>
            <button
              type="button"
              onClick={() => api<Meeting>(`/api/meetings/${m.id}`).then(setOpen, () => undefined)}
            >
              {m.title}
            </button>{' '}
            {dateTime(m.startsAt)} · {m.placeName} ·{' '}
            {t('meetings.came', { present: m.present, invited: m.invited })}
          </li>
        ))}
      </ul>
      {open && <MeetingRegister meeting={open} onChange={setOpen} onSave={saveRegister} />}

      <form onSubmit={announce} aria-label={t('announcements.post')}>
        <h3>{t('announcements.post')}</h3>
        <label>
          {t('announcements.titleField')} <input name="title" />
        </label>
        <label>
          {t('announcements.body')} <textarea name="body" />
        </label>
        <button type="submit">{t('announcements.send')}</button>
      </form>
      <h3>{t('announcements.title')}</h3>
      <ul>
        {announcements.map((a) => (
          <li key={a.id}>
            <strong>{a.title}</strong> · {dateTime(a.postedAt)} ·{' '}
            <button
              type="button"
              onClick={() =>
                api<Receipts>(`/api/announcements/${a.id}/receipts`).then(setReceipts, () =>
                  setReceipts(null),
                )
              }
            >
              {t('announcements.readBy', { read: a.read, recipients: a.recipients })}
            </button>
            {receipts?.announcement.id === a.id && (
              <ul>
                {receipts.recipients.map((r) => (
                  <li key={r.assistantId}>
                    {r.name}: {r.readAt ? dateTime(r.readAt) : t('announcements.unread')}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Who came (check-ins already filled in), who did not, and the minutes. */
function MeetingRegister({
  meeting,
  onChange,
  onSave,
}: {
  meeting: Meeting;
  onChange: (m: Meeting) => void;
  onSave: (m: Meeting, minutes: string) => void;
}) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  useEffect(() => setMinutes(meeting.minutes ?? ''), [meeting.id, meeting.minutes]);
  return (
    <section aria-label={meeting.title}>
      <h4>{meeting.title}</h4>
      <table>
        <tbody>
          {meeting.invitees.map((i) => (
            <tr key={i.assistantId}>
              <td>{i.name}</td>
              <td>
                <select
                  aria-label={i.name}
                  value={i.status}
                  onChange={(e) =>
                    onChange({
                      ...meeting,
                      invitees: meeting.invitees.map((x) =>
                        x.assistantId === i.assistantId
                          ? { ...x, status: e.target.value as (typeof REGISTER)[number] }
                          : x,
                      ),
                    })
                  }
                >
                  <option value="pending" disabled>
                    {t('meetingStatus.pending')}
                  </option>
                  {REGISTER.map((s) => (
                    <option key={s} value={s}>
                      {t(`meetingStatus.${s}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        {t('meetings.minutes')}{' '}
        <textarea value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </label>
      <button type="button" onClick={() => onSave(meeting, minutes)}>
        {t('meetings.save')}
      </button>
    </section>
  );
}
