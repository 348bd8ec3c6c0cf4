import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFER_KINDS_BY_PARTNER } from '@jembatan/contracts/pure';
import type { OfferView, PartnerView } from '@jembatan/contracts';
import { api } from '../api/client';
import { ImpactSummary } from '../components/partners/ImpactSummary';
import { PartnerToday } from '../components/partners/PartnerToday';
import { OfferForm } from '../components/partners/OfferForm';
import { OfferTable } from '../components/partners/OfferTable';
import { ReferralList } from '../components/partners/ReferralList';
import { send, useApiAction } from '../lib/use-api-action';
import { useItems } from '../lib/use-items';

/**
 * A partner's own workspace: what waits for its answer first, then its verification, track
 * record, the referrals addressed to it and its offers.
 */
export function PartnerHomePage({ go }: { go: (view: 'trainings' | 'capital') => void }) {
  const { t } = useTranslation();
  const [partner, setPartner] = useState<PartnerView | null | 'missing'>(null);
  const [reload, setReload] = useState(0);
  const offers = useItems<OfferView>('/api/offers', reload);
  const { message, run } = useApiAction(() => setReload((n) => n + 1));
  useEffect(() => {
    api<PartnerView>('/api/partners/me').then(setPartner, () => setPartner('missing'));
  }, [reload]);
  // Just registered: the profile reaches the partners service a moment after the account.
  useEffect(() => {
    if (partner !== 'missing') return;
    const retry = setTimeout(() => setReload((n) => n + 1), 2000);
    return () => clearTimeout(retry);
  }, [partner]);
  if (partner === null) return <p>{t('app.loading')}</p>;
  if (partner === 'missing') return <p role="status">{t('partners.profilePending')}</p>;
  const close = (offer: OfferView) =>
    run(
      () =>
        api(`/api/offers/${offer.id}/close`, send('POST', { reason: t('offers.closedByPartner') })),
      t('offers.closed'),
    );
  return (
    <section>
      <h2>{partner.name}</h2>
      <p role="status" className={`status-${partner.status}`}>
        {t(`partnerStatus.${partner.status}`)}
        {partner.status !== 'verified' && ` — ${t(`partners.statusHelp.${partner.status}`)}`}
        {partner.statusReason && ` (${partner.statusReason})`}
      </p>
      <PartnerToday
        kind={partner.kind}
        go={go}
        openInbox={() => document.getElementById('inbox')?.scrollIntoView()}
      />
      <p>{t('partners.trackRecord', { ...partner.trackRecord })}</p>
      <ImpactSummary />
      <h3 id="inbox">{t('partners.inbox')}</h3>
      <ReferralList role="partner" />
      <h3>{t('offers.mine')}</h3>
      <OfferTable
        offers={offers}
        actions={(offer) =>
          offer.status === 'open' && (
            <button type="button" onClick={() => void close(offer)}>
              {t('offers.close')}
            </button>
          )
        }
      />
      {message && <p role="status">{message}</p>}
      {partner.status !== 'suspended' && (
        <OfferForm
          kinds={OFFER_KINDS_BY_PARTNER[partner.kind]}
          onPosted={() => setReload((n) => n + 1)}
        />
      )}
    </section>
  );
}
