import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerView } from '@jembatan/contracts';
import { api, fieldErrorsOf } from '../api/client';
import { rupiah } from '../lib/format';

/** The family's business bookkeeping: monthly totals and a quick entry form. */
export function LedgerSection({
  kpmId,
  ledger,
  canManage,
}: {
  kpmId: string;
  ledger: LedgerView;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState(ledger);
  const [entry, setEntry] = useState({
    on: new Date().toISOString().slice(0, 10),
    kind: 'income',
    amount: '',
    note: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const body = {
        entries: [
          {
            on: entry.on,
            kind: entry.kind,
            amount: Number(entry.amount),
            ...(entry.note ? { note: entry.note } : {}),
          },
        ],
      };
      setView(
        await api<LedgerView>(`/api/kpm/${kpmId}/ledger`, {
          method: 'POST',
          body: JSON.stringify(body),
        }),
      );
      setEntry({ ...entry, amount: '', note: '' });
      setErrors({});
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    }
  }

  return (
    <section>
      <h3>{t('ledger.title')}</h3>
      {view.months.length === 0 && <p>{t('ledger.empty')}</p>}
      {view.months.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('ledger.month')}</th>
              <th>{t('ledger.income')}</th>
              <th>{t('ledger.expense')}</th>
              <th>{t('ledger.net')}</th>
            </tr>
          </thead>
          <tbody>
            {view.months.map((m) => (
              <tr key={m.month}>
                <td>{m.month}</td>
                <td>{rupiah(m.income)}</td>
                <td>{rupiah(m.expense)}</td>
                <td>{rupiah(m.net)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && (
        <form onSubmit={submit} aria-label={t('ledger.add')} className="grid">
          <label>
            {t('ledger.on')}
            <input
              type="date"
              value={entry.on}
              onChange={(e) => setEntry({ ...entry, on: e.target.value })}
            />
            {errors['entries.0.on'] && <span role="alert">{errors['entries.0.on']}</span>}
          </label>
          <label>
            {t('ledger.kind')}
            <select
              value={entry.kind}
              onChange={(e) => setEntry({ ...entry, kind: e.target.value })}
            >
              <option value="income">{t('ledger.income')}</option>
              <option value="expense">{t('ledger.expense')}</option>
            </select>
          </label>
          <label>
            {t('ledger.amount')}
            <input
              inputMode="numeric"
              value={entry.amount}
              onChange={(e) => setEntry({ ...entry, amount: e.target.value })}
            />
            {errors['entries.0.amount'] && <span role="alert">{errors['entries.0.amount']}</span>}
          </label>
          <label>
            {t('ledger.note')}
            <input
              value={entry.note}
              onChange={(e) => setEntry({ ...entry, note: e.target.value })}
            />
          </label>
          <button type="submit">{t('ledger.add')}</button>
        </form>
      )}
    </section>
  );
}
