import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionCount } from '@jembatan/contracts';
import { api } from '../api/client';

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

  useEffect(() => {
    api<Counts>(`/api/regions/kpm-counts${code ? `?regionCode=${code}` : ''}`).then(setCounts, () =>
      setCounts(null),
    );
  }, [code]);

  const parent =
    code && code !== scope ? code.split('.').slice(0, -1).join('.') || null : undefined;
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
    </section>
  );
}
