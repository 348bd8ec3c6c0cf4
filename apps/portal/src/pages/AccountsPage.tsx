import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAccountView } from '@jembatan/contracts';
import { api } from '../api/client';
import { dateTime } from '../lib/format';
import { send, useApiAction } from '../lib/use-api-action';
import { useItems } from '../lib/use-items';

const ALL_STAFF = ['assistant', 'coordinator', 'dinas', 'admin'] as const;
/** The Dinas creates the people who work for it in the field; an admin, anyone on the staff. */
const CREATES: Record<string, readonly string[]> = {
  admin: ALL_STAFF,
  dinas: ['assistant', 'coordinator'],
};

/**
 * Staff accounts (admin: all; the Dinas: its region's): who may sign in, as what, where;
 * create one, disable or enable it with a reason, set a new password for someone who forgot
 * theirs. Each decision and its reason is kept and shown.
 */
export function AccountsPage({ role }: { role: string }) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const [q, setQ] = useState('');
  const [roleFilter, setRoleFilter] = useState('');
  const query = new URLSearchParams({
    ...(q ? { q } : {}),
    ...(roleFilter ? { role: roleFilter } : {}),
  }).toString();
  const accounts = useItems<StaffAccountView>(`/api/accounts${query ? `?${query}` : ''}`, reload);
  const refresh = () => setReload((n) => n + 1);
  return (
    <section>
      <h2>{t('nav.accounts')}</h2>
      <p>{t('accounts.intro')}</p>
      <div className="inline-form">
        <label>
          {t('accounts.search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          {t('accounts.role')}
          <select value={roleFilter} onChange={(e) => setRoleFilter(e.target.value)}>
            <option value="">{t('accounts.allRoles')}</option>
            {ALL_STAFF.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {accounts.length === 0 ? (
        <p className="empty">{t('accounts.none')}</p>
      ) : (
        <ul className="offers">
          {accounts.map((account) => (
            <li key={account.id}>
              <AccountCard
                account={account}
                manageable={role === 'admin' || CREATES.dinas!.includes(account.role)}
                onChanged={refresh}
              />
            </li>
          ))}
        </ul>
      )}
      <CreateAccount roles={CREATES[role] ?? []} onCreated={refresh} />
    </section>
  );
}

function AccountCard({
  account,
  manageable,
  onChanged,
}: {
  account: StaffAccountView;
  manageable: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const { message, run } = useApiAction(onChanged);
  const title = `${account.displayName} (${account.username})`;
  const setStatus = (disabled: boolean) =>
    run(
      () => api(`/api/accounts/${account.id}/status`, send('POST', { disabled, reason })),
      t(disabled ? 'accounts.disabledDone' : 'accounts.enabledDone'),
    );
  const reset = () =>
    run(
      () => api(`/api/accounts/${account.id}/password`, send('POST', { password, reason })),
      t('accounts.resetDone'),
    );
  return (
    <article className="card" aria-label={title}>
      <h3>{title}</h3>
      <p>
        <strong>{t(`roles.${account.role}`)}</strong>
        {account.regionCode && ` · ${account.regionName ?? ''} (${account.regionCode})`} ·{' '}
        <span className={account.disabled ? 'status-absent' : undefined}>
          {t(account.disabled ? 'accounts.disabled' : 'accounts.active')}
        </span>
        {account.secondFactor && ` · ${t('accounts.secondFactor')}`}
      </p>
      {account.lastChange && (
        <p className="muted">
          {t(`accounts.changes.${account.lastChange.change}`)} · {dateTime(account.lastChange.at)} ·{' '}
          {t(`roles.${account.lastChange.actorRole}`)}
          {account.lastChange.reason && ` · ${account.lastChange.reason}`}
        </p>
      )}
      {manageable && (
        <details>
          <summary>{t('accounts.manage')}</summary>
          <label>
            {t('accounts.reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" onClick={() => void setStatus(!account.disabled)}>
            {t(account.disabled ? 'accounts.enable' : 'accounts.disable')}
          </button>
          <label>
            {t('accounts.newPassword')}
            <input
              type="text"
              autoComplete="off"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="button" onClick={() => void reset()}>
            {t('accounts.resetPassword')}
          </button>
        </details>
      )}
      {message && <p role="status">{message}</p>}
    </article>
  );
}

const EMPTY = { displayName: '', username: '', role: '', regionCode: '', password: '' };

function CreateAccount({ roles, onCreated }: { roles: readonly string[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ ...EMPTY, role: roles[0] ?? '' });
  const { message, run } = useApiAction(onCreated);
  if (roles.length === 0) return null;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(
      () =>
        api<StaffAccountView>(
          '/api/accounts',
          send('POST', { ...form, regionCode: form.role === 'admin' ? null : form.regionCode }),
        ),
      t('accounts.created'),
    );
    if (created) setForm({ ...EMPTY, role: form.role });
  };
  return (
    <form aria-label={t('accounts.create')} onSubmit={(e) => void submit(e)}>
      <h3>{t('accounts.create')}</h3>
      <label>
        {t('accounts.displayName')}
        <input required value={form.displayName} onChange={set('displayName')} />
      </label>
      <label>
        {t('accounts.username')}
        <input required autoComplete="off" value={form.username} onChange={set('username')} />
      </label>
      <label>
        {t('accounts.role')}
        <select value={form.role} onChange={set('role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {form.role !== 'admin' && (
        <label>
          {t('accounts.regionCode')}
          <input
            required
            placeholder="31.75.01"
            value={form.regionCode}
            onChange={set('regionCode')}
          />
          <small>{t(`accounts.regionHelp.${form.role}`)}</small>
        </label>
      )}
      <label>
        {t('accounts.firstPassword')}
        <input
          required
          minLength={10}
          autoComplete="off"
          value={form.password}
          onChange={set('password')}
        />
      </label>
      <button type="submit">{t('accounts.create')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
