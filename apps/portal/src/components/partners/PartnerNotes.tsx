import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerNoteView } from '@jembatan/contracts';
import { api } from '../../api/client';
import { send, useApiAction } from '../../lib/use-api-action';
import { useItems } from '../../lib/use-items';
import { day } from '../../lib/format';

/** What assistants of the kecamatan learned working with a partner, and a note of one's own. */
export function PartnerNotes({ partnerId, canWrite }: { partnerId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reload, setReload] = useState(0);
  const notes = useItems<PartnerNoteView>(open ? `/api/partners/${partnerId}/notes` : null, reload);
  const [text, setText] = useState('');
  const { message, run } = useApiAction(() => {
    setText('');
    setReload((n) => n + 1);
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(
      () => api(`/api/partners/${partnerId}/notes`, send('POST', { text })),
      t('partnerNotes.saved'),
    );
  }
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('partnerNotes.title')}</summary>
      {notes.length === 0 && <p>{t('partnerNotes.none')}</p>}
      <ul>
        {notes.map((note) => (
          <li key={note.id}>
            {note.text} — {note.authorName}, {day(note.createdAt)}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form onSubmit={submit} aria-label={t('partnerNotes.add')}>
          <label>
            {t('partnerNotes.add')}
            <textarea
              value={text}
              onChange={(e) => setText(e.target.value)}
              minLength={5}
              required
            />
          </label>
          <button type="submit">{t('partnerNotes.save')}</button>
          {message && <p role="status">{message}</p>}
        </form>
      )}
    </details>
  );
}
