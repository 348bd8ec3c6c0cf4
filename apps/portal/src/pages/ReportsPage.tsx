import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResponse } from '@jembatan/contracts';
import { AssignTask, DirectedTasks } from '../components/DirectedTasks';
import { RegionMonthReport } from '../components/RegionMonthReport';
import { RhkReport } from '../components/RhkReport';
import { useItems } from '../lib/use-items';
import { dateTime } from '../lib/format';

type QueueItem = CommandResponse<'supervision.rhk.list'>['items'][number];

const thisMonth = () => new Date().toISOString().slice(0, 7);

/**
 * Monthly reports. Assistants: their RHK (figures from their work, evidence, notes, submit,
 * PDF/XLSX) and directed tasks. Coordinators and the Dinas: the region report with charts,
 * the RHK review queue, and directed tasks to assign.
 */
export function ReportsPage({ role, scope }: { role: string; scope: string | null }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(thisMonth);
  const [assistant, setAssistant] = useState<{ id: string; name: string } | null>(null);
  const [reload, setReload] = useState(0);
  const supervising = role !== 'assistant';
  const queue = useItems<QueueItem>(
    supervising ? `/api/reports/rhk/queue?month=${month}` : null,
    reload,
  );
  return (
    <section>
      <h2>{t('reports.title')}</h2>
      <label>
        {t('reports.month')}{' '}
        <input
          type="month"
          value={month}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
        />
      </label>
      {!supervising && (
        <>
          <RhkReport month={month} canSubmit canReview={false} />
          <DirectedTasks month={month} canComplete />
        </>
      )}
      {supervising && (
        <>
          <RegionMonthReport scope={scope} month={month} onAssistant={setAssistant} />
          <table aria-label={t('reports.queue')}>
            <caption>{t('reports.queue')}</caption>
            <thead>
              <tr>
                <th>{t('dashboard.assistant')}</th>
                <th>{t('dashboard.status')}</th>
                <th>{t('reports.submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q) => (
                <tr key={q.assistantId}>
                  <td>
                    <button
                      type="button"
                      onClick={() => setAssistant({ id: q.assistantId, name: q.assistantName })}
                    >
                      {q.assistantName}
                    </button>
                  </td>
                  <td className={`status-${q.status}`}>{t(`rhkStatus.${q.status}`)}</td>
                  <td>{q.submittedAt ? dateTime(q.submittedAt) : '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {assistant && (
            <RhkReport
              key={assistant.id}
              assistantId={assistant.id}
              month={month}
              canSubmit={false}
              canReview
              onChanged={() => setReload((n) => n + 1)}
            />
          )}
          <AssignTask
            assistants={queue.map((q) => ({ id: q.assistantId, name: q.assistantName }))}
            onAssigned={() => setReload((n) => n + 1)}
          />
          <DirectedTasks key={reload} month={month} canComplete={false} />
        </>
      )}
    </section>
  );
}
