import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapitalProductView, CapitalReferralView } from '@jembatan/contracts';
import { api } from '../../api/client';
import { send, useApiAction } from '../../lib/use-api-action';
import { useItems } from '../../lib/use-items';
import { FitReasons } from '../partners/FitReasons';
import { rupiah } from '../../lib/format';

/**
 * The assistant's capital wizard for one family: a product (with why the family qualifies or
 * not), the amount and tenor, what the money is for, a short business plan, and the family's
 * consent to share it with that lender. Saved as a draft; submitted from the tracker.
 */
export function CapitalWizard({
  kpmId,
  headName,
  onSaved,
}: {
  kpmId: string;
  headName: string;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const products = useItems<CapitalProductView>(`/api/capital/products?kpmId=${kpmId}`);
  const [productId, setProductId] = useState('');
  const [form, setForm] = useState({
    amount: '',
    tenorMonths: '',
    purpose: '',
    businessPlan: '',
    givenBy: headName,
    relationship: 'head',
    agreed: false,
  });
  const { message, run } = useApiAction(onSaved);
  const product = products.find((p) => p.id === productId);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  function save(event: FormEvent) {
    event.preventDefault();
    void run(
      () =>
        api<CapitalReferralView>(
          '/api/capital/referrals',
          send(
            'POST',
            {
              productId,
              kpmId,
              amount: Number(form.amount),
              ...(product?.kind === 'loan' ? { tenorMonths: Number(form.tenorMonths) } : {}),
              purpose: form.purpose,
              businessPlan: form.businessPlan,
              consent: {
                givenBy: form.givenBy,
                relationship: form.relationship,
                agreed: form.agreed,
              },
            },
            true,
          ),
        ),
      t('capital.saved'),
    );
  }

  return (
    <details>
      <summary>{t('capital.wizard')}</summary>
      <form onSubmit={save} aria-label={t('capital.wizard')}>
        <fieldset>
          <legend>{t('capital.step.product')}</legend>
          {products.length === 0 && <p>{t('capital.noProducts')}</p>}
          {products.map((p) => (
            <label key={p.id} className="choice">
              <input
                type="radio"
                name="product"
                value={p.id}
                checked={productId === p.id}
                disabled={!p.eligibility?.eligible}
                onChange={() => setProductId(p.id)}
              />
              {p.title} · {p.partnerName} · {rupiah(p.amountMin)}–{rupiah(p.amountMax)}
              {p.kind === 'loan' &&
                ` · ${t('capital.rate', { rate: p.interestRatePct, method: t(`capital.methods.${p.interestMethod}`) })}`}
              {p.eligibility && <FitReasons reasons={p.eligibility.reasons} />}
            </label>
          ))}
        </fieldset>
        {product && (
          <>
            <fieldset>
              <legend>{t('capital.step.terms')}</legend>
              <label>
                {t('capital.amount')}
                <input
                  type="number"
                  required
                  min={product.amountMin}
                  max={product.amountMax}
                  value={form.amount}
                  onChange={set('amount')}
                />
              </label>
              {product.kind === 'loan' && (
                <label>
                  {t('capital.tenor', { min: product.tenorMonthsMin, max: product.tenorMonthsMax })}
                  <input
                    type="number"
                    required
                    min={product.tenorMonthsMin ?? 1}
                    max={product.tenorMonthsMax ?? 120}
                    value={form.tenorMonths}
                    onChange={set('tenorMonths')}
                  />
                </label>
              )}
              <label>
                {t('capital.purpose')}
                <input required value={form.purpose} onChange={set('purpose')} />
              </label>
              <label>
                {t('capital.businessPlan')}
                <textarea required value={form.businessPlan} onChange={set('businessPlan')} />
              </label>
              {product.documents.length > 0 && (
                <p>{t('capital.documents', { documents: product.documents.join(', ') })}</p>
              )}
            </fieldset>
            <fieldset>
              <legend>{t('capital.step.consent')}</legend>
              <label>
                {t('capital.givenBy')}
                <input required value={form.givenBy} onChange={set('givenBy')} />
              </label>
              <label>
                {t('capital.relationship')}
                <select value={form.relationship} onChange={set('relationship')}>
                  {['head', 'spouse', 'child', 'other'].map((r) => (
                    <option key={r} value={r}>
                      {t(`capital.relationships.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={form.agreed}
                  onChange={(e) => setForm({ ...form, agreed: e.target.checked })}
                />
                {t('capital.consent', { lender: product.partnerName })}
              </label>
            </fieldset>
            <button type="submit">{t('capital.saveDraft')}</button>
          </>
        )}
        {message && <p role="status">{message}</p>}
      </form>
    </details>
  );
}
