import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResponse } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';
import { useItems } from '../lib/use-items';
import { day } from '../lib/format';

type Note = CommandResponse<'supervision.coaching.list'>['items'][number];

/** A coordinator's coaching notes on one assistant, with follow-up dates to close. */
export function CoachingNotes({
  assistantId,
  canWrite,
}: {
  assistantId: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const notes = useItems<Note>(`/api/attendance/assistants/${assistantId}/coaching`, reload);
  const { message, run } = useApiAction(() => setReload((n) => n + 1));
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const followUpOn = String(form.get('followUpOn') ?? '');
    void run(
      () =>
        api(
          `/api/attendance/assistants/${assistantId}/coaching`,
          send(
            'POST',
            { note: String(form.get('note') ?? ''), ...(followUpOn ? { followUpOn } : {}) },
            true,
          ),
        ),
      t('coaching.saved'),
    );
  };
  return (
    <section aria-label={t('coaching.title')}>
      <h4>{t('coaching.title')}</h4>
      <ul>
        {notes.map((n) => (
          <li key={n.id}>
            {n.note}{' '}
            <small>
              ({n.authorName ?? n.authorId}, {day(n.createdAt)})
            </small>
            {n.followUpOn && ` · ${t('coaching.followUp')}: ${n.followUpOn}`}
            {n.doneAt
              ? ` · ${t('coaching.done')}`
              : canWrite && (
                  <button
                    type="button"
                    onClick={() => run(() => api(`/api/coaching/${n.id}/done`, send('POST')))}
                  >
                    {t('coaching.markDone')}
                  </button>
                )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form onSubmit={add}>
          <label>
            {t('coaching.note')} <textarea name="note" />
          </label>
          <label>
            {t('coaching.followUp')} <input type="date" name="followUpOn" />
          </label>
          <button type="submit">{t('coaching.add')}</button>
        </form>
      )}
      <p role="status">{message}</p>
    </section>
  );
}
