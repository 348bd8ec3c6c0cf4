import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_HOLDERS, type KpmView } from '@jembatan/contracts';
import { api, fieldErrorsOf } from '../api/client';
import { rupiah } from '../lib/format';

const CONDITIONS = ['education', 'health', 'elderlyCare', 'disabilityCare'] as const;
type Condition = (typeof CONDITIONS)[number];

/**
 * Benefit monitoring: disbursement stages as the family received them (who held the KKS card)
 * and the monthly verification of its commitments, each unmet condition with its reason.
 */
export function BenefitsSection({
  family,
  canManage,
  onChanged,
}: {
  family: KpmView;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const [stage, setStage] = useState({
    year: String(year),
    stage: '1',
    amount: '',
    disbursedOn: '',
    cardHolder: 'family',
  });
  const [period, setPeriod] = useState(new Date().toISOString().slice(0, 7));
  const [checks, setChecks] = useState<
    Record<Condition, { checked: boolean; met: boolean; reason: string }>
  >(
    () =>
      Object.fromEntries(
        CONDITIONS.map((c) => [c, { checked: false, met: true, reason: '' }]),
      ) as never,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function recordStage(event: FormEvent) {
    event.preventDefault();
    try {
      await api(`/api/kpm/${family.id}/disbursements`, {
        method: 'POST',
        body: JSON.stringify({
          ...stage,
          year: Number(stage.year),
          stage: Number(stage.stage),
          amount: Number(stage.amount),
        }),
      });
      setErrors({});
      onChanged();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    }
  }

  async function recordCompliance(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = { period };
    for (const c of CONDITIONS) {
      if (checks[c].checked)
        body[c] = { met: checks[c].met, ...(checks[c].met ? {} : { reason: checks[c].reason }) };
    }
    try {
      await api(`/api/kpm/${family.id}/compliance`, { method: 'POST', body: JSON.stringify(body) });
      setErrors({});
      onChanged();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    }
  }

  return (
    <section>
      <h3>{t('benefits.title')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('benefits.stage')}</th>
            <th>{t('benefits.amount')}</th>
            <th>{t('benefits.disbursedOn')}</th>
            <th>{t('benefits.cardHolder')}</th>
          </tr>
        </thead>
        <tbody>
          {family.disbursements.map((d) => (
            <tr key={`${d.year}-${d.stage}`}>
              <td>
                {d.year} · {t('benefits.stageN', { n: d.stage })}
              </td>
              <td>{rupiah(d.amount)}</td>
              <td>{d.disbursedOn}</td>
              <td>{t(`benefits.holders.${d.cardHolder}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('benefits.compliance')}</h4>
      <ul>
        {family.compliance.map((check) => (
          <li key={check.period}>
            {check.period}: {check.compliant ? t('benefits.compliant') : t('benefits.nonCompliant')}
            {Object.entries(check.conditions)
              .filter(([, c]) => !c.met)
              .map(([name, c]) => ` · ${t(`benefits.conditions.${name}`)}: ${c.reason ?? ''}`)}
          </li>
        ))}
      </ul>
      {canManage && (
        <>
          <form onSubmit={recordStage} aria-label={t('benefits.recordStage')} className="grid">
            <label>
              {t('benefits.year')}
              <input
                inputMode="numeric"
                value={stage.year}
                onChange={(e) => setStage({ ...stage, year: e.target.value })}
              />
            </label>
            <label>
              {t('benefits.stage')}
              <select
                value={stage.stage}
                onChange={(e) => setStage({ ...stage, stage: e.target.value })}
              >
                {[1, 2, 3, 4].map((n) => (
                  <option key={n} value={n}>
                    {t('benefits.stageN', { n })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('benefits.amount')}
              <input
                inputMode="numeric"
                value={stage.amount}
                onChange={(e) => setStage({ ...stage, amount: e.target.value })}
              />
              {errors.amount && <span role="alert">{errors.amount}</span>}
            </label>
            <label>
              {t('benefits.disbursedOn')}
              <input
                type="date"
                value={stage.disbursedOn}
                onChange={(e) => setStage({ ...stage, disbursedOn: e.target.value })}
              />
              {errors.disbursedOn && <span role="alert">{errors.disbursedOn}</span>}
            </label>
            <label>
              {t('benefits.cardHolder')}
              <select
                value={stage.cardHolder}
                onChange={(e) => setStage({ ...stage, cardHolder: e.target.value })}
              >
                {CARD_HOLDERS.map((holder) => (
                  <option key={holder} value={holder}>
                    {t(`benefits.holders.${holder}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t('benefits.recordStage')}</button>
          </form>
          <form onSubmit={recordCompliance} aria-label={t('benefits.recordCompliance')}>
            <label>
              {t('benefits.period')}
              <input type="month" value={period} onChange={(e) => setPeriod(e.target.value)} />
              {errors.period && <span role="alert">{errors.period}</span>}
            </label>
            {CONDITIONS.map((c) => (
              <fieldset key={c}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={checks[c].checked}
                    onChange={(e) =>
                      setChecks({ ...checks, [c]: { ...checks[c], checked: e.target.checked } })
                    }
                  />
                  {t(`benefits.conditions.${c}`)}
                </label>
                {checks[c].checked && (
                  <>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={checks[c].met}
                        onChange={(e) =>
                          setChecks({ ...checks, [c]: { ...checks[c], met: e.target.checked } })
                        }
                      />
                      {t('benefits.met')}
                    </label>
                    {!checks[c].met && (
                      <label>
                        {t('benefits.reason')}
                        <input
                          value={checks[c].reason}
                          onChange={(e) =>
                            setChecks({ ...checks, [c]: { ...checks[c], reason: e.target.value } })
                          }
                        />
                        {errors[`${c}.reason`] && <span role="alert">{errors[`${c}.reason`]}</span>}
                      </label>
                    )}
                  </>
                )}
              </fieldset>
            ))}
            {errors.education && <span role="alert">{errors.education}</span>}
            <button type="submit">{t('benefits.recordCompliance')}</button>
          </form>
        </>
      )}
    </section>
  );
}
