import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { send, useApiAction } from '../../lib/use-api-action';

/**
 * The assistant registers the member the group chose as treasurer, with the login they will
 * write the ledger with; the previous treasurer's login stops working.
 */
export function TreasurerForm({
  groupId,
  members,
  onDone,
}: {
  groupId: string;
  members: { kpmId: string; headName: string }[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message, run } = useApiAction(onDone);
  const [form, setForm] = useState({ kpmId: '', username: '', password: '' });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [field]: e.target.value });
  async function save(event: FormEvent) {
    event.preventDefault();
    await run(
      () => api(`/api/savings/groups/${groupId}/treasurer`, send('POST', form)),
      t('savings.treasurerRegistered', { username: form.username }),
    );
  }
  return (
    <details>
      <summary>{t('savings.registerTreasurer')}</summary>
      <form onSubmit={save} aria-label={t('savings.registerTreasurer')}>
        <p>{t('savings.treasurerHint')}</p>
        <label>
          {t('savings.treasurerMember')}
          <select required value={form.kpmId} onChange={set('kpmId')}>
            <option value="" />
            {members.map((m) => (
              <option key={m.kpmId} value={m.kpmId}>
                {m.headName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('savings.username')}
          <input required value={form.username} onChange={set('username')} />
        </label>
        <label>
          {t('savings.password')}
          <input type="password" required value={form.password} onChange={set('password')} />
        </label>
        <button type="submit">{t('savings.registerTreasurer')}</button>
        {message && <p role="status">{message}</p>}
      </form>
    </details>
  );
}
