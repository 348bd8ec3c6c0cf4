import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { P2K2_CATALOGUE } from '@jembatan/contracts/pure';
import type { RhkView } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';
import { ExportButtons } from './ExportButtons';
import { dateTime, day } from '../lib/format';

type Figures = RhkView['figures'];

/** The RHK's items in the order of the official form, each a list of labelled figures. */
const SECTIONS: [string, (f: Figures) => [string, number | string | null][]][] = [
  [
    'aid',
    (f) => [
      ['aidFamilies', f.aidDistribution.families],
      ['zeroBalance', f.aidDistribution.zeroBalance],
    ],
  ],
  [
    'p2k2',
    (f) => [
      ['sessions', f.p2k2.sessions],
      ...Object.entries(f.p2k2.byModule).map(
        ([module, n]) => [`module.${module}`, n] as [string, number],
      ),
      ['attendanceRate', f.p2k2.attendanceRate === null ? null : `${f.p2k2.attendanceRate}%`],
    ],
  ],
  [
    'compliance',
    (f) => [
      ['verified', f.compliance.verified],
      ['compliant', f.compliance.compliant],
      ['nonCompliant', f.compliance.nonCompliant],
    ],
  ],
  [
    'graduation',
    (f) => [
      ['selfReliant', f.graduation.selfReliant],
      ['natural', f.graduation.natural],
      ['yearToDate', f.graduation.selfReliantYearToDate],
      ['yearlyTarget', f.graduation.yearlyTarget],
    ],
  ],
  [
    'data',
    (f) => [
      ['updates', f.dataUpdates.updates],
      ['registrations', f.dataUpdates.registrations],
      ['assessments', f.dataUpdates.assessments],
    ],
  ],
  [
    'cases',
    (f) => [
      ['opened', f.cases.opened],
      ['resolved', f.cases.resolved],
    ],
  ],
  [
    'tasks',
    (f) => [
      ['assigned', f.directedTasks.assigned],
      ['done', f.directedTasks.done],
      ['overdue', f.directedTasks.overdue],
    ],
  ],
  [
    'work',
    (f) => [
      ['homeVisits', f.homeVisits],
      ['tutorReferrals', f.tutorReferrals],
      ['workingDays', f.attendance.workingDays],
      ['present', f.attendance.present],
      ['late', f.attendance.late],
      ['absent', f.attendance.absent],
      ['meetingsMissed', f.attendance.meetingsMissed],
    ],
  ],
];

const moduleName = (module: string, language: string) => {
  const entry = P2K2_CATALOGUE.find((m) => m.module === module);
  return entry ? (language === 'en' ? entry.en : entry.id) : module;
};

/**
 * An assistant's monthly performance report (RHK): the figures the services' events give, the
 * evidence behind them, the assistant's notes and submission, the coordinator's review, and
 * the PDF and XLSX for the file.
 */
export function RhkReport({
  assistantId,
  month,
  canSubmit,
  canReview,
  onChanged,
}: {
  assistantId?: string;
  month: string;
  canSubmit: boolean;
  canReview: boolean;
  onChanged?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [rhk, setRhk] = useState<RhkView | null>(null);
  const [notes, setNotes] = useState('');
  const [reviewNote, setReviewNote] = useState('');
  const [reload, setReload] = useState(0);
  const { message, run } = useApiAction(() => {
    setReload((n) => n + 1);
    onChanged?.();
  });
  const query = new URLSearchParams({ month, ...(assistantId ? { assistantId } : {}) });

  useEffect(() => {
    api<RhkView>(`/api/reports/rhk?${query}`).then(setRhk, () => setRhk(null));
  }, [assistantId, month, reload]);

  if (!rhk) return null;
  const label = (key: string) =>
    key.startsWith('module.') ? moduleName(key.slice(7), i18n.language) : t(`rhk.figures.${key}`);
  const review = (decision: 'approved' | 'returned') =>
    run(
      () =>
        api(
          `/api/reports/rhk/${rhk.assistantId}/review`,
          send('POST', { month, decision, ...(reviewNote ? { note: reviewNote } : {}) }),
        ),
      t(`rhk.${decision}`),
    );
  const editable = rhk.status === 'draft' || rhk.status === 'returned';
  return (
    <section aria-label={t('rhk.title')}>
      <h3>
        {t('rhk.title')} · {rhk.assistantName} · {rhk.month}{' '}
        <span className={`status-${rhk.status}`}>{t(`rhkStatus.${rhk.status}`)}</span>
      </h3>
      <ExportButtons
        path={`/api/reports/rhk/export?${query}`}
        fileStem={`RHK-${rhk.month}-${rhk.assistantName}`}
      />
      <div className="rhk-sections">
        {SECTIONS.map(([key, rows]) => (
          <table key={key} aria-label={t(`rhk.sections.${key}`)}>
            <caption>{t(`rhk.sections.${key}`)}</caption>
            <tbody>
              {rows(rhk.figures).map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{label(name)}</th>
                  <td data-testid={`rhk-${name}`}>{value ?? '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <details>
        <summary>{t('rhk.evidence', { count: rhk.evidence.length })}</summary>
        <ul>
          {rhk.evidence.map((e) => (
            <li key={`${e.kind}-${e.refId}-${e.at}`}>
              {dateTime(e.at)} · {t(`activityKinds.${e.kind}`)} · {e.refId}
            </li>
          ))}
        </ul>
      </details>
      {rhk.review && (
        <p className={`status-${rhk.review.decision}`}>
          {t(`rhk.reviewed.${rhk.review.decision}`, {
            by: rhk.review.byName ?? rhk.review.by,
            at: day(rhk.review.at),
          })}
          {rhk.review.note && `: ${rhk.review.note}`}
        </p>
      )}
      {rhk.notes && !editable && <p>{rhk.notes}</p>}
      {canSubmit && editable && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => api('/api/reports/rhk', send('POST', { month, notes }, true)),
              t('rhk.submitted'),
            );
          }}
        >
          <label>
            {t('rhk.notes')} <textarea value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
          <button type="submit">{t('rhk.submit')}</button>
        </form>
      )}
      {canReview && rhk.status === 'submitted' && (
        <form onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('rhk.reviewNote')}{' '}
            <input value={reviewNote} onChange={(e) => setReviewNote(e.target.value)} />
          </label>{' '}
          <button type="button" onClick={() => void review('approved')}>
            {t('rhk.approve')}
          </button>{' '}
          <button type="button" onClick={() => void review('returned')}>
            {t('rhk.return')}
          </button>
        </form>
      )}
      <p role="status">{message}</p>
    </section>
  );
}
