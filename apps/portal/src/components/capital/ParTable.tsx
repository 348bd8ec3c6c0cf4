import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParRow } from '@jembatan/contracts';
import { api } from '../../api/client';
import { rupiah } from '../../lib/format';

type Par = { asOf: string; rows: ParRow[]; total: ParRow };

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Portfolio at risk (30 days) per lender, regency or assistant, for the reader's scope. */
export function ParTable({ groupings }: { groupings: ('lender' | 'region' | 'assistant')[] }) {
  const { t } = useTranslation();
  const [by, setBy] = useState(groupings[0]!);
  const [par, setPar] = useState<Par | null>(null);
  useEffect(() => {
    api<Par>(`/api/capital/par?by=${by}`).then(setPar, () => setPar(null));
  }, [by]);
  return (
    <section aria-label={t('capital.par')}>
      <h3>{t('capital.par')}</h3>
      {groupings.length > 1 && (
        <label>
          {t('capital.parBy')}
          <select value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
            {groupings.map((g) => (
              <option key={g} value={g}>
                {t(`capital.groupings.${g}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {par && (
        <table>
          <thead>
            <tr>
              <th>{t(`capital.groupings.${by}`)}</th>
              <th>{t('capital.loans')}</th>
              <th>{t('capital.outstanding')}</th>
              <th>{t('capital.atRisk')}</th>
              <th>PAR 30</th>
            </tr>
          </thead>
          <tbody>
            {[...par.rows, par.total].map((row) => (
              <tr key={row.key}>
                <td>{row.key === 'total' ? t('capital.total') : row.label}</td>
                <td>{row.loans}</td>
                <td>{rupiah(row.outstandingPrincipal)}</td>
                <td>
                  {rupiah(row.atRisk30)} ({row.loansAtRisk30})
                </td>
                <td>{percent(row.par30)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
