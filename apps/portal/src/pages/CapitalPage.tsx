import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CapitalReferrals } from '../components/capital/CapitalReferrals';
import { ParTable } from '../components/capital/ParTable';

/**
 * Capital referrals: the lender's inbox and loan book, the assistant's tracker, the region's
 * for coordinators and the Dinas, with late steps first on request and PAR 30.
 */
export function CapitalPage({ role }: { role: string }) {
  const { t } = useTranslation();
  const [overdue, setOverdue] = useState(false);
  const groupings =
    role === 'partner'
      ? (['lender'] as const)
      : role === 'assistant'
        ? (['lender'] as const)
        : (['region', 'lender', 'assistant'] as const);
  return (
    <section>
      <h2>{t(role === 'partner' ? 'capital.inbox' : 'nav.capital')}</h2>
      <label className="choice">
        <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
        {t('capital.onlyOverdue')}
      </label>
      <CapitalReferrals role={role} query={overdue ? '?overdue=true' : ''} />
      <ParTable groupings={[...groupings]} />
    </section>
  );
}
