import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { villageTime } from '@jembatan/contracts/pure';
import type { P2k2SessionView } from '@jembatan/contracts';
import { api, upload } from '../api/client';
import { outbox } from '../offline/sync';
import { describeError } from '../lib/errors';
import { locate } from '../lib/geolocation';
import { sessionTitle } from '../lib/p2k2';
import { useObjectUrl } from '../lib/use-object-url';

/**
 * The session sheet, made for a phone at the meeting: tick who came, add notes, check in
 * with the phone's location. Everyone starts absent so nobody is marked present by accident.
 */
export function SessionSheet({ sessionId, canHold }: { sessionId: string; canHold: boolean }) {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<P2k2SessionView | null>(null);
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [notes, setNotes] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);

  useEffect(() => {
    api<P2k2SessionView>(`/api/p2k2/sessions/${sessionId}`).then(setSession, (e: unknown) =>
      setMessage(describeError(e, t)),
    );
  }, [sessionId, t]);

  const hasPhoto = session?.checkIn?.hasPhoto ?? false;
  const photoUrl = useObjectUrl(hasPhoto ? `/api/p2k2/sessions/${sessionId}/photo` : null);

  async function hold(event: FormEvent) {
    event.preventDefault();
    if (!session?.roster) return;
    setBusy(true);
    const position = await locate();
    if (!position) {
      setBusy(false);
      setMessage(t('sheet.noLocation'));
      return;
    }
    try {
      // Without a connection the sheet waits on the phone (with the time it was held) and goes
      // out by itself; the photo, a file, is added from the sheet once there is signal.
      const result = await outbox.submit<P2k2SessionView>({
        key: `hold-${sessionId}`,
        path: `/api/p2k2/sessions/${sessionId}/attendance`,
        body: {
          attendance: session.roster.map((f) => ({
            kpmId: f.kpmId,
            present: present[f.kpmId] ?? false,
          })),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
          checkIn: { at: new Date().toISOString(), ...position },
        },
        label: t('sheet.queuedLabel', { group: session.groupName }),
      });
      if (result.queued) {
        setMessage(`${t('offline.queued')}${photo ? ` ${t('sheet.photoLater')}` : ''}`);
        return;
      }
      const held = result.answer;
      let saved = held;
      // The photo is optional evidence: attendance is already safe if its upload fails.
      if (photo) {
        try {
          await upload(`/api/p2k2/sessions/${sessionId}/photo`, photo, photo.type || 'image/jpeg');
          saved = await api<P2k2SessionView>(`/api/p2k2/sessions/${sessionId}`);
        } catch (failure) {
          setSession(held);
          setMessage(
            `${t('sheet.saved', { attended: held.attended, invited: held.invited })} · ${t('sheet.photoFailed')}: ${describeError(failure, t)}`,
          );
          return;
        }
      }
      setSession(saved);
      setMessage(t('sheet.saved', { attended: held.attended, invited: held.invited }));
    } catch (failure) {
      setMessage(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  /** A photo for a session held without signal (or whose upload failed), added afterwards. */
  async function addPhoto(file: File | undefined) {
    if (!file) return;
    try {
      await upload(`/api/p2k2/sessions/${sessionId}/photo`, file, file.type || 'image/jpeg');
      setSession(await api<P2k2SessionView>(`/api/p2k2/sessions/${sessionId}`));
      setMessage(t('sheet.photoAdded'));
    } catch (failure) {
      setMessage(`${t('sheet.photoFailed')}: ${describeError(failure, t)}`);
    }
  }

  if (!session) return <p>{message || t('app.loading')}</p>;
  const editable = canHold && session.status === 'planned';
  return (
    <article className="sheet">
      <h2>{sessionTitle(session.module, session.sessionNo, i18n.language)}</h2>
      <p>
        {session.groupName} · {villageTime(session.startsAt, session.villageCode)} · {session.place}{' '}
        · <strong>{t(`p2k2.statuses.${session.status}`)}</strong>
      </p>
      {session.checkIn && (
        <p>
          {t('sheet.checkedIn', {
            at: villageTime(session.checkIn.at, session.villageCode),
            lat: session.checkIn.latitude.toFixed(5),
            lng: session.checkIn.longitude.toFixed(5),
          })}
          {session.checkIn.late && ` · ${t('sheet.late')}`}
        </p>
      )}
      <form onSubmit={hold}>
        <ul className="roster">
          {(session.roster ?? []).map((f) => (
            <li key={f.kpmId}>
              <label className="tick">
                <input
                  type="checkbox"
                  disabled={!editable}
                  checked={editable ? (present[f.kpmId] ?? false) : (f.present ?? false)}
                  onChange={(e) => setPresent({ ...present, [f.kpmId]: e.target.checked })}
                />
                {f.headName}
              </label>
            </li>
          ))}
        </ul>
        {editable && (
          <>
            <p>
              {t('sheet.count', {
                present: Object.values(present).filter(Boolean).length,
                total: session.roster?.length ?? 0,
              })}
            </p>
            <label>
              {t('sheet.photo')}
              <input
                type="file"
                accept="image/jpeg,image/png,image/webp"
                capture="environment"
                onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
              />
            </label>
            <label>
              {t('sheet.notes')}
              <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
            </label>
            <button type="submit" disabled={busy}>
              {t('sheet.submit')}
            </button>
          </>
        )}
        {session.status === 'held' && session.notes && <p>{session.notes}</p>}
        {photoUrl && <img className="evidence" src={photoUrl} alt={t('sheet.photo')} />}
        {canHold && session.status === 'held' && !hasPhoto && (
          <label>
            {t('sheet.addPhoto')}
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              capture="environment"
              onChange={(e) => void addPhoto(e.target.files?.[0])}
            />
          </label>
        )}
      </form>
      {message && <p role="status">{message}</p>}
    </article>
  );
}
