import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavingsLedgerSummary } from '@jembatan/contracts';
import { SavingsLedger } from '../components/savings/SavingsLedger';
import { TreasurerForm } from '../components/savings/TreasurerForm';
import { rupiah } from '../lib/format';
import { useItems } from '../lib/use-items';

/**
 * Groups' savings (tabungan kelompok). The treasurer keeps their group's ledger; assistants,
 * coordinators and the Dinas see each group's balance and read its ledger; the assistant
 * registers the treasurer a group chose. Jembatan records; no money moves through it.
 */
export function SavingsPage({ role }: { role: string }) {
  const { t } = useTranslation();
  if (role === 'treasurer')
    return (
      <section>
        <h2>{t('nav.savings')}</h2>
        <p>{t('savings.recordsOnly')}</p>
        <SavingsLedger path="/api/savings/mine" writable />
      </section>
    );
  return <GroupsSavings canAppoint={['assistant', 'coordinator', 'admin'].includes(role)} />;
}

function GroupsSavings({ canAppoint }: { canAppoint: boolean }) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const groups = useItems<SavingsLedgerSummary>('/api/savings/groups', reload);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <section>
      <h2>{t('nav.savings')}</h2>
      <p>{t('savings.recordsOnly')}</p>
      <table aria-label={t('savings.groups')}>
        <thead>
          <tr>
            <th>{t('savings.group')}</th>
            <th>{t('savings.treasurer')}</th>
            <th>{t('savings.balance')}</th>
            <th>{t('savings.lastEntry')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.groupId}>
              <td>{g.name}</td>
              <td>{g.treasurer?.headName ?? t('savings.noTreasurer')}</td>
              <td>{rupiah(g.balance)}</td>
              <td>{g.lastEntryOn ?? '—'}</td>
              <td>
                <button type="button" onClick={() => setChosen(g.groupId)}>
                  {t('savings.open', { name: g.name })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length === 0 && <p>{t('savings.noGroups')}</p>}
      {chosen && (
        <SavingsLedger
          path={`/api/savings/groups/${chosen}`}
          writable={false}
          manage={(ledger, reloadLedger) =>
            canAppoint && (
              <TreasurerForm
                groupId={ledger.groupId}
                members={ledger.members}
                onDone={() => {
                  reloadLedger();
                  setReload((n) => n + 1);
                }}
              />
            )
          }
        />
      )}
    </section>
  );
}
