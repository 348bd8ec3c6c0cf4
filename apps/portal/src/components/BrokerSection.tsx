import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MARKET_KINDS } from '@jembatan/contracts/pure';
import type { ProductView, RankedOffer } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';
import { useItems } from '../lib/use-items';
import { FitReasons } from './partners/FitReasons';
import { ReferralList } from './partners/ReferralList';

interface Ranked {
  live: number;
  eligible: number;
  items: RankedOffer[];
}

/**
 * The broker screen for one family: partners' live offers ranked by fit with every reason, and
 * a referral in one step once the family has consented to share its name with the partner.
 */
export function BrokerSection({
  kpmId,
  headName,
  canRefer,
}: {
  kpmId: string;
  headName: string;
  canRefer: boolean;
}) {
  const { t } = useTranslation();
  const [ranked, setRanked] = useState<Ranked | null>(null);
  const [referring, setReferring] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const load = () =>
    api<Ranked>(`/api/kpm/${kpmId}/offers`).then(setRanked, () =>
      setRanked({ live: 0, eligible: 0, items: [] }),
    );
  return (
    <section aria-labelledby="broker-title">
      <h3 id="broker-title">{t('broker.title')}</h3>
      {ranked === null ? (
        <button type="button" onClick={() => void load()}>
          {t('broker.find')}
        </button>
      ) : (
        <>
          <p>{t('broker.summary', { live: ranked.live, eligible: ranked.eligible })}</p>
          <ol className="ranked-offers">
            {ranked.items.map(({ offer, eligible, score, reasons }) => (
              <li key={offer.id} aria-label={offer.title}>
                <strong>{offer.title}</strong> · {t(`offerKinds.${offer.kind}`)} ·{' '}
                {offer.partnerName} · {eligible ? t('broker.eligible') : t('broker.ineligible')} ·{' '}
                {t('broker.score', { score })}
                <FitReasons reasons={reasons} />
                {canRefer && eligible && referring !== offer.id && (
                  <button type="button" onClick={() => setReferring(offer.id)}>
                    {t('broker.refer')}
                  </button>
                )}
                {referring === offer.id && (
                  <ReferForm
                    kpmId={kpmId}
                    offerId={offer.id}
                    market={MARKET_KINDS.includes(offer.kind)}
                    headName={headName}
                    onDone={() => {
                      setReferring(null);
                      setReload((n) => n + 1);
                      void load();
                    }}
                  />
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <h4>{t('broker.referrals')}</h4>
      <ReferralList key={reload} query={`?kpmId=${kpmId}`} role="assistant" />
    </section>
  );
}

function ReferForm(props: {
  kpmId: string;
  offerId: string;
  /** A bazaar slot or a buyer's demand: the referral names the products offered. */
  market: boolean;
  headName: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const products = useItems<ProductView>(props.market ? `/api/kpm/${props.kpmId}/products` : null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [consent, setConsent] = useState(false);
  const [givenBy, setGivenBy] = useState(props.headName);
  const [note, setNote] = useState('');
  const { message, run } = useApiAction(props.onDone);
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(
      () =>
        api(
          '/api/referrals',
          send('POST', {
            offerId: props.offerId,
            kpmId: props.kpmId,
            ...(consent ? { consent: true } : {}),
            consentGivenBy: givenBy,
            ...(note ? { note } : {}),
            ...(props.market ? { productIds: chosen } : {}),
          }),
        ),
      t('broker.referred'),
    );
  }
  return (
    <form onSubmit={submit} aria-label={t('broker.refer')}>
      <label>
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        {t('broker.consent')}
      </label>
      <label>
        {t('broker.consentGivenBy')}
        <input value={givenBy} onChange={(e) => setGivenBy(e.target.value)} required />
      </label>
      {props.market && (
        <fieldset>
          <legend>{t('products.choose')}</legend>
          {products.map((p) => (
            <label key={p.id}>
              <input
                type="checkbox"
                checked={chosen.includes(p.id)}
                onChange={() =>
                  setChosen(
                    chosen.includes(p.id) ? chosen.filter((c) => c !== p.id) : [...chosen, p.id],
                  )
                }
              />
              {p.name}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {t('broker.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit">{t('broker.confirmReferral')}</button>
      {message && <p role="alert">{message}</p>}
    </form>
  );
}
