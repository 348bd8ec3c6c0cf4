import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditEventView, type AuditPage as Page } from '@jembatan/contracts';
import { api } from '../api/client';
import { useApiAction } from '../lib/use-api-action';

interface Filters {
  recordId: string;
  actorId: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { recordId: '', actorId: '', action: '', from: '', to: '' };

const when = (iso: string) =>
  new Date(iso).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', hour12: false });

function pathFor(q: Filters, before?: number): string {
  const params = new URLSearchParams({ limit: '50' });
  for (const [key, value] of Object.entries(q)) if (value) params.set(key, value.trim());
  if (before) params.set('before', String(before));
  return `/api/audit?${params}`;
}

/** The Dinas's audit trail: who read or changed which record, when, from where (UU PDP). */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [query, setQuery] = useState<Filters>(EMPTY);
  const [lines, setLines] = useState<AuditEventView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const { message, run } = useApiAction();

  useEffect(() => {
    let current = true; // a slower answer to an older search must not replace a newer one
    void run(async () => {
      const page = await api<Page>(pathFor(query));
      if (!current) return;
      setLines(page.items);
      setNext(page.next);
    });
    return () => {
      current = false;
    };
  }, [query, run]);

  const older = () =>
    run(async () => {
      const page = await api<Page>(pathFor(query, next ?? undefined));
      setLines((shown) => [...shown, ...page.items]);
      setNext(page.next);
    });

  function search(event: FormEvent) {
    event.preventDefault();
    setQuery({ ...filters });
  }

  const field = (key: keyof Filters, type = 'text') => (
    <label>
      {t(`audit.${key}`)}
      <input
        type={type}
        value={filters[key]}
        onChange={(e) => setFilters({ ...filters, [key]: e.target.value })}
      />
    </label>
  );

  return (
    <section>
      <h2>{t('nav.audit')}</h2>
      <p>{t('audit.intro')}</p>
      <form onSubmit={search} aria-label={t('audit.search')}>
        {field('recordId')}
        {field('actorId')}
        <label>
          {t('audit.action')}
          <select
            value={filters.action}
            onChange={(e) => setFilters({ ...filters, action: e.target.value })}
          >
            <option value="">{t('audit.anyAction')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`audit.actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
        {field('from', 'date')}
        {field('to', 'date')}
        <button type="submit">{t('audit.search')}</button>
      </form>
      {lines.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <table aria-label={t('nav.audit')}>
          <thead>
            <tr>
              <th>{t('audit.time')}</th>
              <th>{t('audit.actor')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.what')}</th>
              <th>{t('audit.recordId')}</th>
              <th>{t('audit.status')}</th>
              <th>{t('audit.address')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id}>
                <td>{when(line.at)}</td>
                <td>
                  {line.actor.name ?? line.actor.id} · {t(`roles.${line.actor.role}`)}
                </td>
                <td>{t(`audit.actions.${line.action}`)}</td>
                <td>
                  <code>
                    {line.method} {line.route}
                  </code>
                </td>
                <td>
                  {line.recordId ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        const focused = { ...EMPTY, recordId: line.recordId! };
                        setFilters(focused);
                        setQuery(focused);
                      }}
                    >
                      {line.recordKind ? `${line.recordKind} ` : ''}
                      {line.recordId.slice(0, 8)}
                    </button>
                  ) : (
                    '-'
                  )}
                </td>
                <td>{line.status < 400 ? line.status : `${line.status} ${t('audit.refused')}`}</td>
                <td>{line.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" onClick={() => void older()}>
          {t('audit.older')}
        </button>
      )}
      {message && <p role="alert">{message}</p>}
    </section>
  );
}
