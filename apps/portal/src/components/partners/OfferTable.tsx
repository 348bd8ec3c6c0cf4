import { useTranslation } from 'react-i18next';
import type { OfferView } from '@jembatan/contracts';

/** Offers with their kind, partner, places and validity; `actions` adds a cell per row. */
export function OfferTable({
  offers,
  actions,
}: {
  offers: OfferView[];
  actions?: (offer: OfferView) => React.ReactNode;
}) {
  const { t } = useTranslation();
  if (offers.length === 0) return <p>{t('offers.none')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t('offers.title')}</th>
          <th>{t('offers.kind')}</th>
          <th>{t('offers.partner')}</th>
          <th>{t('offers.places')}</th>
          <th>{t('offers.validUntil')}</th>
          <th>{t('offers.state')}</th>
          {actions && <th />}
        </tr>
      </thead>
      <tbody>
        {offers.map((offer) => (
          <tr key={offer.id}>
            <td>{offer.title}</td>
            <td>{t(`offerKinds.${offer.kind}`)}</td>
            <td>{offer.partnerName}</td>
            <td>
              {offer.seatsTaken}/{offer.capacity}
            </td>
            <td>{offer.validUntil}</td>
            <td>{offer.live ? t('offers.live') : t(`offers.notLive.${offer.status}`)}</td>
            {actions && <td>{actions(offer)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
