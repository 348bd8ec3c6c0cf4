import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DailyReportView } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';

/**
 * A day's report: the work the services recorded (sessions, visits, assessments, cases...) and
 * the assistant's notes. The assistant submits it; coordinators read it.
 */
export function DailyReport({
  assistantId,
  canSubmit,
}: {
  assistantId?: string;
  canSubmit: boolean;
}) {
  const { t } = useTranslation();
  const [day, setDay] = useState('');
  const [report, setReport] = useState<DailyReportView | null>(null);
  const [notes, setNotes] = useState('');
  const [reload, setReload] = useState(0);
  const { message, run } = useApiAction(() => setReload((n) => n + 1));

  useEffect(() => {
    const query = new URLSearchParams({
      ...(assistantId ? { assistantId } : {}),
      ...(day ? { day } : {}),
    });
    api<DailyReportView>(`/api/reports/daily?${query}`).then(
      (r) => {
        setReport(r);
        if (!day) setDay(r.day);
      },
      () => setReport(null),
    );
  }, [assistantId, day, reload]);

  if (!report) return null;
  return (
    <section aria-label={t('dailyReport.title')}>
      <h3>
        {t('dailyReport.title')}{' '}
        <input
          type="date"
          aria-label={t('attendance.day')}
          value={day}
          onChange={(e) => e.target.value && setDay(e.target.value)}
        />{' '}
        <span className={`status-${report.status}`}>{t(`dailyReportStatus.${report.status}`)}</span>
      </h3>
      {report.items.length === 0 ? (
        <p>{t('dailyReport.nothing')}</p>
      ) : (
        <ul>
          {Object.entries(report.counts).map(([kind, count]) => (
            <li key={kind}>
              {t(`activityKinds.${kind}`)}: {count}
            </li>
          ))}
        </ul>
      )}
      {report.notes !== null ? (
        <p>{report.notes}</p>
      ) : (
        canSubmit && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(
                () => api('/api/reports/daily', send('POST', { day: report.day, notes }, true)),
                t('dailyReport.submitted'),
              );
            }}
          >
            <label>
              {t('dailyReport.notes')}{' '}
              <textarea value={notes} onChange={(e) => setNotes(e.target.value)} />
            </label>
            <button type="submit">{t('dailyReport.submit')}</button>
          </form>
        )
      )}
      <p role="status">{message}</p>
    </section>
  );
}
