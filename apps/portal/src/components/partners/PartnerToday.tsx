import { useTranslation } from 'react-i18next';
import { OFFER_KINDS_BY_PARTNER } from '@jembatan/contracts/pure';
import type {
  CapitalReferralView,
  PartnerKind,
  ReferralView,
  TrainingOfferView,
} from '@jembatan/contracts';
import { HomeCard } from '../HomeCard';
import { day } from '../../lib/format';
import { useQuery } from '../../lib/use-query';

type Items<T> = { items: T[] };
const FIRST = 5;

/**
 * What waits for the partner's answer, first thing on its home: new referrals (tutoring,
 * bazaars, buyers), training nominations, and capital referrals whose next step is the
 * lender's. Each kind shows only to partners whose offers can receive it.
 */
export function PartnerToday({
  kind,
  openInbox,
  go,
}: {
  kind: PartnerKind;
  openInbox: () => void;
  go: (view: 'trainings' | 'capital') => void;
}) {
  const { t } = useTranslation();
  const offers = OFFER_KINDS_BY_PARTNER[kind];
  const answersReferrals = offers.some((k) => ['tutoring', 'bazaar', 'buyer-demand'].includes(k));
  const trains = offers.includes('training');
  const funds = offers.includes('loan') || offers.includes('grant');
  const referrals = useQuery<Items<ReferralView>>(
    answersReferrals ? '/api/referrals?status=referred' : null,
  );
  const trainings = useQuery<Items<TrainingOfferView>>(trains ? '/api/trainings' : null);
  const capital = useQuery<Items<CapitalReferralView>>(funds ? '/api/capital/referrals' : null);

  // Loans and trainings are answered in their own services: their referrals are counted there.
  const newReferrals = (data: Items<ReferralView>) =>
    data.items.filter((r) => r.deliveredBy === 'partners');
  const waitingNominations = (data: Items<TrainingOfferView>) =>
    data.items.filter((o) => o.awaitingAnswer > 0);
  const lendersMove = (data: Items<CapitalReferralView>) =>
    data.items.filter((r) => r.waitingOn === 'lender');

  return (
    <div className="home-grid">
      {answersReferrals && (
        <HomeCard
          title={t('home.newReferrals')}
          query={referrals}
          total={(data) => newReferrals(data).length}
          empty={t('home.noNewReferrals')}
          more={{ label: t('home.toInbox'), onClick: openInbox }}
        >
          {(data) => (
            <ul>
              {newReferrals(data)
                .slice(0, FIRST)
                .map((r) => (
                  <li key={r.id} className={r.overdue ? 'warn' : undefined}>
                    {r.family.headName} · {r.offerTitle} ·{' '}
                    {t(r.overdue ? 'home.answerOverdue' : 'home.answerBy', {
                      day: day(r.answerDueAt ?? r.createdAt),
                    })}
                  </li>
                ))}
            </ul>
          )}
        </HomeCard>
      )}
      {trains && (
        <HomeCard
          title={t('home.nominations')}
          query={trainings}
          total={(data) => waitingNominations(data).reduce((sum, o) => sum + o.awaitingAnswer, 0)}
          empty={t('home.noNominations')}
          more={{ label: t('home.toTrainings'), onClick: () => go('trainings') }}
        >
          {(data) => (
            <ul>
              {waitingNominations(data)
                .slice(0, FIRST)
                .map((o) => (
                  <li key={o.id}>
                    {o.title} · {t('home.awaiting', { count: o.awaitingAnswer })} ·{' '}
                    {t('home.starts', { day: day(o.startsOn) })}
                  </li>
                ))}
            </ul>
          )}
        </HomeCard>
      )}
      {funds && (
        <HomeCard
          title={t('home.capitalWaiting')}
          query={capital}
          total={(data) => lendersMove(data).length}
          empty={t('home.noCapitalWaiting')}
          more={{ label: t('home.toCapital'), onClick: () => go('capital') }}
        >
          {(data) => (
            <ul>
              {lendersMove(data)
                .slice(0, FIRST)
                .map((r) => (
                  <li key={r.id} className={r.overdue ? 'warn' : undefined}>
                    {r.family?.headName ?? '—'} · {t(`capital.statuses.${r.status}`)} ·{' '}
                    {t(r.overdue ? 'home.answerOverdue' : 'home.answerBy', {
                      day: day(r.dueAt ?? r.updatedAt),
                    })}
                  </li>
                ))}
            </ul>
          )}
        </HomeCard>
      )}
    </div>
  );
}
