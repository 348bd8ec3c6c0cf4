import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectedTaskView } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';
import { useItems } from '../lib/use-items';
import { dateTime, day } from '../lib/format';

/**
 * Directed tasks (tugas arahan) of a month: the assistant reports each done with what was done;
 * coordinators see their region's, with who did what and what is overdue.
 */
export function DirectedTasks({ month, canComplete }: { month: string; canComplete: boolean }) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const items = useItems<DirectedTaskView>(`/api/tasks?month=${month}`, reload);
  const [reports, setReports] = useState<Record<string, string>>({});
  const { message, run } = useApiAction(() => setReload((n) => n + 1));
  return (
    <section aria-label={t('tasks.title')}>
      <h3>{t('tasks.title')}</h3>
      {items.length === 0 && <p>{t('tasks.none')}</p>}
      <ul>
        {items.map((task) => (
          <li key={task.id} className={task.overdue ? 'warn' : undefined}>
            <strong>{task.title}</strong> · {task.assistantName ?? task.assistantId} ·{' '}
            {t('tasks.due', { day: day(task.dueOn) })}
            {task.overdue && ` · ${t('tasks.overdue')}`}
            {task.detail && <p>{task.detail}</p>}
            {task.doneAt ? (
              <p>
                {t('tasks.doneAt', { at: dateTime(task.doneAt) })}: {task.report}
              </p>
            ) : (
              canComplete && (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void run(
                      () =>
                        api(
                          `/api/tasks/${task.id}/done`,
                          send('POST', { report: reports[task.id] ?? '' }),
                        ),
                      t('tasks.reported'),
                    );
                  }}
                >
                  <label>
                    {t('tasks.report')}{' '}
                    <input
                      value={reports[task.id] ?? ''}
                      onChange={(e) => setReports({ ...reports, [task.id]: e.target.value })}
                    />
                  </label>{' '}
                  <button type="submit">{t('tasks.markDone')}</button>
                </form>
              )
            )}
          </li>
        ))}
      </ul>
      <p role="status">{message}</p>
    </section>
  );
}

/** The coordinator's form: one task for the assistants ticked. */
export function AssignTask({
  assistants,
  onAssigned,
}: {
  assistants: { id: string; name: string }[];
  onAssigned: () => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const { message, run } = useApiAction(onAssigned);
  return (
    <form
      aria-label={t('tasks.assign')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () => api('/api/tasks', send('POST', { assistantIds: chosen, title, dueOn }, true)),
          t('tasks.assigned'),
        );
      }}
    >
      <h3>{t('tasks.assign')}</h3>
      <fieldset>
        <legend>{t('tasks.to')}</legend>
        {assistants.map((a) => (
          <label key={a.id} className="tick">
            <input
              type="checkbox"
              checked={chosen.includes(a.id)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, a.id] : chosen.filter((c) => c !== a.id))
              }
            />
            {a.name}
          </label>
        ))}
      </fieldset>
      <label>
        {t('tasks.taskTitle')} <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>{' '}
      <label>
        {t('tasks.dueOn')}{' '}
        <input type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      </label>{' '}
      <button type="submit">{t('tasks.assign')}</button>
      <p role="status">{message}</p>
    </form>
  );
}
