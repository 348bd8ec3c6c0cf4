import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpmView } from '@jembatan/contracts';
import { api } from '../api/client';

interface Page {
  items: KpmView[];
  total: number;
}

export function CaseloadPage({ refresh }: { refresh: number }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState<Page | null>(null);

  useEffect(() => {
    const query = new URLSearchParams({ limit: '50', ...(q ? { q } : {}) });
    api<Page>(`/api/kpm?${query}`).then(setPage, () => setPage({ items: [], total: 0 }));
  }, [q, refresh]);

  return (
    <section>
      <h2>{t('nav.caseload')}</h2>
      <label>
        {t('kpm.search')}
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      {page && page.total === 0 && <p>{t('kpm.empty')}</p>}
      {page && page.total > 0 && (
        <>
          <p>{t('kpm.total', { count: page.total })}</p>
          <table>
            <thead>
              <tr>
                <th>{t('kpm.headName')}</th>
                <th>{t('kpm.nik')}</th>
                <th>{t('kpm.villageCode')}</th>
                <th>{t('kpm.pkhEntryYear')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((kpm) => (
                <tr key={kpm.id}>
                  <td>{kpm.headName}</td>
                  <td>{kpm.nik}</td>
                  <td>{kpm.villageCode}</td>
                  <td>{kpm.pkhEntryYear}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
