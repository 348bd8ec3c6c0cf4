import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionCount, RegionStats } from '@jembatan/contracts';
import { api } from '../api/client';
import { parentWithin } from '../lib/regions';

interface Counts {
  region: RegionCount | null;
  total: number;
  children: RegionCount[];
}

/** Families per region, live from the supervision read model; click a region to drill down. */
export function RegionCountsPage({ scope }: { scope: string | null }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(scope);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [stats, setStats] = useState<{
    year: number;
    region: RegionStats;
    children: RegionStats[];
  } | null>(null);

  useEffect(() => {
    const query = code ? `?regionCode=${code}` : '';
    api<Counts>(`/api/regions/kpm-counts${query}`).then(setCounts, () => setCounts(null));
    api<{ year: number; region: RegionStats; children: RegionStats[] }>(
      `/api/regions/stats${query}`,
    ).then(setStats, () => setStats(null));
  }, [code]);

  const parent = parentWithin(code, scope);
  return (
    <section>
      <h2>{t('regions.title')}</h2>
      {counts && (
        <>
          <p>
            <strong>{counts.region?.name ?? t('regions.nation')}</strong>: {counts.total}
            {parent !== undefined && (
              <button type="button" onClick={() => setCode(parent)}>
                {t('regions.up')}
              </button>
            )}
          </p>
          <table>
            <thead>
              <tr>
                <th>{t('regions.region')}</th>
                <th>{t('regions.count')}</th>
              </tr>
            </thead>
            <tbody>
              {counts.children
                .filter((child) => child.kpmCount > 0 || counts.children.length <= 50)
                .map((child) => (
                  <tr key={child.code}>
                    <td>
                      {child.level === 'village' ? (
                        child.name
                      ) : (
                        <button type="button" onClick={() => setCode(child.code)}>
                          {child.name}
                        </button>
                      )}{' '}
                      <small>{child.code}</small>
                    </td>
                    <td data-testid={`count-${child.code}`}>{child.kpmCount}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
      {stats && <StatsTable stats={stats} />}
    </section>
  );
}

/** Ratio, graduation against target and P2K2 for the region and each child region. */
export function StatsTable({
  stats,
}: {
  stats: { year: number; region: RegionStats; children: RegionStats[] };
}) {
  const { t } = useTranslation();
  const rows = [stats.region, ...stats.children.filter((c) => c.families > 0)];
  return (
    <>
      <h3>{t('regions.statsTitle', { year: stats.year })}</h3>
      <table aria-label={t('regions.statsTitle', { year: stats.year })}>
        <thead>
          <tr>
            <th>{t('regions.region')}</th>
            <th>{t('regions.ratio')}</th>
            <th>{t('regions.selfReliant')}</th>
            <th>{t('regions.natural')}</th>
            <th>{t('regions.p2k2')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.code ?? 'nation'}>
              <td>{i === 0 ? <strong>{r.name}</strong> : r.name}</td>
              <td>
                {r.familiesPerAssistant ?? '-'} ({t('regions.assistants', { count: r.assistants })})
              </td>
              <td>
                {r.graduations.selfReliant}
                {r.graduations.target &&
                  ` / ${r.graduations.target.selfReliant} (${r.graduations.selfReliantProgress ?? 0}%)`}
              </td>
              <td>{r.graduations.natural}</td>
              <td>
                {r.p2k2.sessions}
                {r.p2k2.attendanceRate !== null && ` · ${r.p2k2.attendanceRate}%`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
