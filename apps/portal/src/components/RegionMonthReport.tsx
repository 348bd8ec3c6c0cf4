import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionMonthReport as Report, RegionMonthRow } from '@jembatan/contracts';
import { api } from '../api/client';
import { parentWithin } from '../lib/regions';
import { BarChart } from './BarChart';
import { ExportButtons } from './ExportButtons';

const COLUMNS: (keyof RegionMonthRow)[] = [
  'assistants',
  'attendanceRate',
  'lateDays',
  'p2k2Sessions',
  'homeVisits',
  'aidDistribution',
  'complianceVerified',
  'assessments',
  'dataUpdates',
  'casesOpened',
  'casesResolved',
  'graduatedSelfReliant',
  'graduatedNatural',
  'tutorReferrals',
  'rhkSubmitted',
  'rhkApproved',
];

/**
 * The monthly region report: the region's totals and one row per child region (in a
 * kecamatan, per assistant), with charts, drill-down and PDF/XLSX export.
 */
export function RegionMonthReport({
  scope,
  month,
  onAssistant,
}: {
  scope: string | null;
  month: string;
  onAssistant: (assistant: { id: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(scope);
  const [report, setReport] = useState<Report | null>(null);
  const query = new URLSearchParams({ month, ...(code ? { regionCode: code } : {}) });

  useEffect(() => {
    api<Report>(`/api/reports/region?${query}`).then(setReport, () => setReport(null));
    // The query string is derived from code and month.
  }, [code, month]);

  if (!report) return null;
  const parent = parentWithin(code, scope);
  const rows = [report.region, ...report.children];
  return (
    <section aria-label={t('regionReport.title')}>
      <h3>
        {t('regionReport.title')} · {report.region.name} · {month}{' '}
        {parent !== undefined && (
          <button type="button" onClick={() => setCode(parent)}>
            {t('regions.up')}
          </button>
        )}
      </h3>
      <ExportButtons
        path={`/api/reports/region/export?${query}`}
        fileStem={`laporan-wilayah-${month}`}
      />
      <div className="table-scroll">
        <table aria-label={t('regionReport.table')}>
          <thead>
            <tr>
              <th>{t('regions.region')}</th>
              {COLUMNS.map((c) => (
                <th key={c}>{t(`regionReport.columns.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr
                key={row.assistantId ?? row.code ?? 'nation'}
                data-testid={`month-${row.code ?? row.assistantId ?? 'nation'}`}
              >
                <td>
                  {i === 0 ? (
                    <strong>{row.name}</strong>
                  ) : row.assistantId ? (
                    <button
                      type="button"
                      onClick={() => onAssistant({ id: row.assistantId!, name: row.name })}
                    >
                      {row.name}
                    </button>
                  ) : (
                    <button type="button" onClick={() => setCode(row.code)}>
                      {row.name}
                    </button>
                  )}
                </td>
                {COLUMNS.map((c) => (
                  <td key={c}>{row[c] ?? '-'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.children.some((c) => c.assistants > 0) && (
        <>
          <BarChart
            title={t('regionReport.workChart')}
            rows={report.children
              .filter((c) => c.assistants > 0)
              .map((c) => ({
                label: c.name,
                values: [c.p2k2Sessions, c.homeVisits, c.aidDistribution],
              }))}
            series={[
              { name: t('regionReport.columns.p2k2Sessions'), colour: '#0b5cad' },
              { name: t('regionReport.columns.homeVisits'), colour: '#2e7d32' },
              { name: t('regionReport.columns.aidDistribution'), colour: '#b26a00' },
            ]}
          />
          <BarChart
            title={t('regionReport.graduationChart')}
            rows={report.children
              .filter((c) => c.assistants > 0)
              .map((c) => ({
                label: c.name,
                values: [c.graduatedSelfReliant, c.graduatedNatural],
              }))}
            series={[
              { name: t('regionReport.columns.graduatedSelfReliant'), colour: '#2e7d32' },
              { name: t('regionReport.columns.graduatedNatural'), colour: '#777777' },
            ]}
          />
          <BarChart
            title={t('regionReport.attendanceChart')}
            max={100}
            rows={report.children
              .filter((c) => c.assistants > 0)
              .map((c) => ({ label: c.name, values: [c.attendanceRate] }))}
            series={[{ name: t('regionReport.columns.attendanceRate'), colour: '#0b5cad' }]}
          />
        </>
      )}
    </section>
  );
}
