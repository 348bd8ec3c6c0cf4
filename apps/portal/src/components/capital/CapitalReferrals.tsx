import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAPITAL_ACTIONS,
  CAPITAL_ACTION_NAMES,
  CAPITAL_TRANSITIONS,
  type CapitalAction,
  type CapitalReferralView,
  type ScheduleView,
} from '@jembatan/contracts';
import { api } from '../../api/client';
import { day, rupiah } from '../../lib/format';
import { HistoryToggle } from '../Timeline';
import { send, useApiAction } from '../../lib/use-api-action';
import { useItems } from '../../lib/use-items';

/** Steps the reader may take now: legal from the status and theirs to take. */
function stepsFor(referral: CapitalReferralView, lender: boolean): CapitalAction[] {
  return CAPITAL_ACTION_NAMES.filter(
    (action) =>
      CAPITAL_TRANSITIONS[referral.status].includes(CAPITAL_ACTIONS[action].to) &&
      (CAPITAL_ACTIONS[action].by === 'lender') === lender &&
      !(action === 'complete' && referral.kind === 'loan'),
  );
}

/**
 * Capital referrals as their reader works them: the assistant's tracker (submit, withdraw,
 * consent) and the lender's inbox (acknowledge, survey, decide, disburse, record payments).
 * Late steps are marked; each card opens its schedule once the money is out.
 */
export function CapitalReferrals({ role, query = '' }: { role: string; query?: string }) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const items = useItems<CapitalReferralView>(`/api/capital/referrals${query}`, reload);
  if (items.length === 0) return <p>{t('capital.none')}</p>;
  return (
    <ul className="offers">
      {items.map((referral) => (
        <li key={referral.id}>
          <ReferralCard
            referral={referral}
            lender={role === 'partner'}
            canAct={['partner', 'assistant', 'coordinator', 'admin'].includes(role)}
            onChanged={() => setReload((n) => n + 1)}
          />
        </li>
      ))}
    </ul>
  );
}

function ReferralCard({
  referral,
  lender,
  canAct,
  onChanged,
}: {
  referral: CapitalReferralView;
  lender: boolean;
  canAct: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const [fields, setFields] = useState({
    surveyOn: today,
    note: '',
    approvedAmount: String(referral.amount),
    disbursedOn: today,
    reason: '',
    payment: String(referral.loan?.nextDue?.amount ?? ''),
    paidOn: today,
  });
  const [showSchedule, setShowSchedule] = useState(false);
  const { message, run } = useApiAction(onChanged);
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [key]: e.target.value });
  const needs: Partial<Record<CapitalAction, object>> = {
    'schedule-survey': { surveyOn: fields.surveyOn },
    'record-survey': { note: fields.note },
    approve: { approvedAmount: Number(fields.approvedAmount) },
    disburse: { disbursedOn: fields.disbursedOn },
    reject: { reason: fields.reason },
    'write-off': { reason: fields.reason },
    withdraw: { reason: fields.reason },
  };
  const step = (action: CapitalAction) =>
    run(
      () =>
        api(
          `/api/capital/referrals/${referral.id}/actions`,
          send('POST', { action, ...needs[action] }),
        ),
      t('capital.moved', { status: t(`capital.statuses.${CAPITAL_ACTIONS[action].to}`) }),
    );
  const pay = () =>
    run(
      () =>
        api(
          `/api/capital/referrals/${referral.id}/payments`,
          send('POST', { amount: Number(fields.payment), paidOn: fields.paidOn }, true),
        ),
      t('capital.paid'),
    );
  const steps = canAct ? stepsFor(referral, lender) : [];
  const asks = (...actions: CapitalAction[]) => actions.some((a) => steps.includes(a));
  const repaying = lender && referral.loan !== null && referral.loan.outstanding > 0;
  const title = `${referral.product.title} · ${referral.family?.headName ?? t('capital.hidden')}`;

  return (
    <article className="card" aria-label={title}>
      <h3>{title}</h3>
      <p>
        <strong>{t(`capital.statuses.${referral.status}`)}</strong> ·{' '}
        {rupiah(referral.approvedAmount ?? referral.amount)}
        {referral.tenorMonths &&
          ` · ${t('capital.months', { count: referral.tenorMonths })}`} ·{' '}
        {referral.product.partnerName}
        {referral.dueAt &&
          ` · ${t(referral.overdue ? 'capital.overdue' : 'capital.due', { date: day(referral.dueAt) })}`}
      </p>
      {referral.purpose && <p>{referral.purpose}</p>}
      {referral.businessPlan && <p className="muted">{referral.businessPlan}</p>}
      {referral.consent.withdrawnAt && <p role="note">{t('capital.consentWithdrawn')}</p>}
      {referral.reason && <p>{t('capital.reason', { reason: referral.reason })}</p>}
      {referral.loan && (
        <p>
          {t('capital.loan', {
            paid: rupiah(referral.loan.paid),
            total: rupiah(referral.loan.totalDue),
            days: referral.loan.daysInArrears,
          })}
          {referral.loan.nextDue &&
            ` · ${t('capital.nextDue', { no: referral.loan.nextDue.no, date: day(referral.loan.nextDue.dueOn), amount: rupiah(referral.loan.nextDue.amount) })}`}
        </p>
      )}
      <div className="actions">
        {asks('schedule-survey') && (
          <label>
            {t('capital.surveyOn')}
            <input type="date" value={fields.surveyOn} onChange={set('surveyOn')} />
          </label>
        )}
        {asks('record-survey') && (
          <label>
            {t('capital.surveyNote')}
            <input value={fields.note} onChange={set('note')} />
          </label>
        )}
        {asks('approve') && (
          <label>
            {t('capital.approvedAmount')}
            <input type="number" value={fields.approvedAmount} onChange={set('approvedAmount')} />
          </label>
        )}
        {asks('disburse') && (
          <label>
            {t('capital.disbursedOn')}
            <input type="date" value={fields.disbursedOn} onChange={set('disbursedOn')} />
          </label>
        )}
        {asks('reject', 'write-off', 'withdraw') && (
          <label>
            {t('capital.reasonInput')}
            <input value={fields.reason} onChange={set('reason')} />
          </label>
        )}
        {steps.map((action) => (
          <button key={action} type="button" onClick={() => void step(action)}>
            {t(`capital.actions.${action}`)}
          </button>
        ))}
        {canAct &&
          !lender &&
          referral.consent.withdrawnAt === null &&
          referral.status !== 'withdrawn' && (
            <button
              type="button"
              onClick={() =>
                void run(
                  () =>
                    api(
                      `/api/capital/referrals/${referral.id}/consent/withdrawal`,
                      send('POST', { reason: fields.reason }),
                    ),
                  t('capital.consentWithdrawn'),
                )
              }
            >
              {t('capital.withdrawConsent')}
            </button>
          )}
      </div>
      {repaying && (
        <div className="actions">
          <label>
            {t('capital.paymentAmount')}
            <input type="number" value={fields.payment} onChange={set('payment')} />
          </label>
          <label>
            {t('capital.paidOn')}
            <input type="date" value={fields.paidOn} onChange={set('paidOn')} />
          </label>
          <button type="button" onClick={() => void pay()}>
            {t('capital.recordPayment')}
          </button>
        </div>
      )}
      {referral.loan && (
        <button type="button" onClick={() => setShowSchedule(!showSchedule)}>
          {t(showSchedule ? 'capital.hideSchedule' : 'capital.showSchedule')}
        </button>
      )}
      {showSchedule && <ScheduleTable referralId={referral.id} />}
      <HistoryToggle
        path={`/api/capital/referrals/${referral.id}`}
        label={(status) => t(`capital.statuses.${status}`)}
      />
      {message && <p role="status">{message}</p>}
    </article>
  );
}

function ScheduleTable({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const [schedule, setSchedule] = useState<ScheduleView | null>(null);
  useEffect(() => {
    api<ScheduleView>(`/api/capital/referrals/${referralId}/schedule`).then(setSchedule, () =>
      setSchedule(null),
    );
  }, [referralId]);
  if (schedule === null) return null;
  return (
    <table aria-label={t('capital.schedule')}>
      <thead>
        <tr>
          <th>#</th>
          <th>{t('capital.dueOn')}</th>
          <th>{t('capital.principal')}</th>
          <th>{t('capital.interest')}</th>
          <th>{t('capital.instalment')}</th>
          <th>{t('capital.paidColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {schedule.instalments.map((i) => (
          <tr key={i.no} className={i.status}>
            <td>{i.no}</td>
            <td>{day(i.dueOn)}</td>
            <td>{rupiah(i.principal)}</td>
            <td>{rupiah(i.interest)}</td>
            <td>{rupiah(i.total)}</td>
            <td>
              {rupiah(i.paid)} ({t(`capital.instalmentStatus.${i.status}`)})
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2}>{t('capital.total')}</td>
          <td>{rupiah(schedule.principal)}</td>
          <td>{rupiah(schedule.totalInterest)}</td>
          <td>{rupiah(schedule.total)}</td>
          <td>{rupiah(schedule.paid)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
