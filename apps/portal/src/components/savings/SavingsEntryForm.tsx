import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { send, useApiAction } from '../../lib/use-api-action';

const today = () => new Date().toISOString().slice(0, 10);
// One idempotency key per line being written: tapping again after a lost reply writes it once.
const blank = () => ({
  kind: 'deposit',
  memberKpmId: '',
  amount: '',
  occurredOn: today(),
  note: '',
  key: crypto.randomUUID(),
});

/** The treasurer writes a deposit or withdrawal, for a member or the group's common fund. */
export function SavingsEntryForm({
  members,
  onSaved,
}: {
  members: { kpmId: string; headName: string }[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message, run } = useApiAction(onSaved);
  const [form, setForm] = useState(blank);
  const set =
    (field: Exclude<keyof ReturnType<typeof blank>, 'key'>) => (e: { target: { value: string } }) =>
      setForm({ ...form, [field]: e.target.value });

  async function save(event: FormEvent) {
    event.preventDefault();
    const saved = await run(
      () =>
        api('/api/savings/entries', {
          ...send('POST', {
            kind: form.kind,
            amount: Number(form.amount),
            occurredOn: form.occurredOn,
            ...(form.memberKpmId ? { memberKpmId: form.memberKpmId } : {}),
            ...(form.note.trim() ? { note: form.note } : {}),
          }),
          idempotencyKey: form.key,
        }),
      t('savings.lineSaved'),
    );
    if (saved) setForm(blank());
  }

  return (
    <form onSubmit={save} aria-label={t('savings.record')}>
      <label>
        {t('savings.kind')}
        <select value={form.kind} onChange={set('kind')}>
          <option value="deposit">{t('savings.kinds.deposit')}</option>
          <option value="withdrawal">{t('savings.kinds.withdrawal')}</option>
        </select>
      </label>
      <label>
        {t('savings.member')}
        <select value={form.memberKpmId} onChange={set('memberKpmId')}>
          <option value="">{t('savings.commonFund')}</option>
          {members.map((m) => (
            <option key={m.kpmId} value={m.kpmId}>
              {m.headName}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('savings.amountInput')}
        <input type="number" min={1} required value={form.amount} onChange={set('amount')} />
      </label>
      <label>
        {t('savings.occurredOn')}
        <input
          type="date"
          required
          max={today()}
          value={form.occurredOn}
          onChange={set('occurredOn')}
        />
      </label>
      <label>
        {t('savings.note')}
        <input value={form.note} onChange={set('note')} />
      </label>
      <button type="submit">{t('savings.record')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
