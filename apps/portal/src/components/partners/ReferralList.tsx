import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MARKET_KINDS } from '@jembatan/contracts/pure';
import type { ReferralView } from '@jembatan/contracts';
import { api } from '../../api/client';
import { send, useApiAction } from '../../lib/use-api-action';
import { useItems } from '../../lib/use-items';
import { day } from '../../lib/format';
import { HistoryToggle } from '../Timeline';

/**
 * Referrals as their reader may act on them: the partner accepts, declines and completes those
 * it answers itself (market, buyers, tutoring); the assistant withdraws.
 */
export function ReferralList({ query = '', role }: { query?: string; role: string }) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const items = useItems<ReferralView>(`/api/referrals${query}`, reload);
  const { message, run } = useApiAction(() => setReload((n) => n + 1));
  const [reason, setReason] = useState('');
  const decide = (id: string, decision: string) =>
    run(
      () =>
        api(
          `/api/referrals/${id}/decision`,
          send('POST', { decision, ...(reason ? { reason } : {}) }),
        ),
      t('referrals.decided'),
    );
  if (items.length === 0) return <p>{t('referrals.none')}</p>;
  return (
    <div>
      <label>
        {t('referrals.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <table>
        <thead>
          <tr>
            <th>{t('referrals.family')}</th>
            <th>{t('referrals.offer')}</th>
            <th>{t('referrals.status')}</th>
            <th>{t('referrals.consent')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((r) => {
            const answersHere = role === 'partner' && r.deliveredBy === 'partners';
            return (
              <tr key={r.id}>
                <td>
                  {r.family.headName} · {r.family.villageCode}
                  {r.family.businessKind && ` · ${t(`businessKinds.${r.family.businessKind}`)}`}
                </td>
                <td>
                  {r.offerTitle} ({t(`offerKinds.${r.offerKind}`)}) · {r.partnerName}
                </td>
                <td>
                  {t(`referralStatus.${r.status}`)}
                  {r.deliveredBy !== 'partners' && ` · ${t(`deliveredBy.${r.deliveredBy}`)}`}
                  <HistoryToggle
                    path={`/api/referrals/${r.id}`}
                    label={(status) => t(`referralStatus.${status}`)}
                  />
                  {MARKET_KINDS.includes(r.offerKind) && (
                    <SalesCell referral={r} onReported={() => setReload((n) => n + 1)} />
                  )}
                </td>
                <td>
                  {r.consent.givenBy}, {day(r.consent.givenAt)}
                </td>
                <td>
                  {answersHere && r.status === 'referred' && (
                    <>
                      <button type="button" onClick={() => void decide(r.id, 'accept')}>
                        {t('referrals.accept')}
                      </button>
                      <button type="button" onClick={() => void decide(r.id, 'decline')}>
                        {t('referrals.decline')}
                      </button>
                    </>
                  )}
                  {answersHere && r.status === 'accepted' && (
                    <button type="button" onClick={() => void decide(r.id, 'complete')}>
                      {t('referrals.complete')}
                    </button>
                  )}
                  {role !== 'partner' && ['referred', 'accepted'].includes(r.status) && (
                    <button type="button" onClick={() => void decide(r.id, 'withdraw')}>
                      {t('referrals.withdraw')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message && <p role="status">{message}</p>}
    </div>
  );
}

/** A market referral's products and sales so far; once accepted, sales can be reported. */
function SalesCell({ referral, onReported }: { referral: ReferralView; onReported: () => void }) {
  const { t } = useTranslation();
  const [sale, setSale] = useState({ quantity: '', amount: '' });
  const { message, run } = useApiAction(onReported);
  const open = referral.status === 'accepted' || referral.status === 'completed';
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(
      () =>
        api(
          `/api/referrals/${referral.id}/sales`,
          send('POST', {
            soldOn: new Date().toISOString().slice(0, 10),
            quantity: Number(sale.quantity),
            amount: Number(sale.amount),
          }),
        ),
      t('sales.reported'),
    );
  }
  return (
    <div>
      {referral.products.map((p) => p.name).join(', ')}
      {' · '}
      {t('sales.total', {
        quantity: referral.sales.quantity,
        amount: referral.sales.amount.toLocaleString('id-ID'),
      })}
      {open && (
        <form onSubmit={submit} aria-label={t('sales.report')}>
          <label>
            {t('sales.quantity')}
            <input
              type="number"
              value={sale.quantity}
              onChange={(e) => setSale({ ...sale, quantity: e.target.value })}
              required
            />
          </label>
          <label>
            {t('sales.amount')}
            <input
              type="number"
              value={sale.amount}
              onChange={(e) => setSale({ ...sale, amount: e.target.value })}
              required
            />
          </label>
          <button type="submit">{t('sales.report')}</button>
          {message && <p role="status">{message}</p>}
        </form>
      )}
    </div>
  );
}
