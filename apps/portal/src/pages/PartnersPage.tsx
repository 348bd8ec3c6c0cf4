import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfferView, PartnerView } from '@jembatan/contracts';
import { api } from '../api/client';
import { HsdsDirectoryFile } from '../components/partners/HsdsDirectoryFile';
import { OfferTable } from '../components/partners/OfferTable';
import { PartnerKindSelect } from '../components/partners/PartnerKindSelect';
import { PartnerNotes } from '../components/partners/PartnerNotes';
import { send, useApiAction } from '../lib/use-api-action';
import { useItems } from '../lib/use-items';

/**
 * The resource directory: partners serving the reader's region (the Dinas also sees those
 * awaiting verification and decides on them), their contacts and track record, and the live offers.
 */
export function PartnersPage({ role }: { role: string }) {
  const { t } = useTranslation();
  const decides = role === 'dinas' || role === 'admin';
  const [filters, setFilters] = useState({ kind: '', status: decides ? 'pending' : '', q: '' });
  const [reload, setReload] = useState(0);
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  const partners = useItems<PartnerView>(`/api/partners${query ? `?${query}` : ''}`, reload);
  const offers = useItems<OfferView>('/api/offers', reload);
  const [reason, setReason] = useState('');
  const { message, run } = useApiAction(() => setReload((n) => n + 1));
  const decide = (partner: PartnerView, decision: string) =>
    run(
      () =>
        api(
          `/api/partners/${partner.id}/verification`,
          send('POST', { decision, ...(reason ? { reason } : {}) }),
        ),
      t(`partners.decided.${decision}`, { name: partner.name }),
    );
  return (
    <section>
      <h2>{t('nav.partners')}</h2>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <PartnerKindSelect
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind })}
          anyLabel={t('partners.allKinds')}
        />
        {decides && (
          <label>
            {t('partners.status')}
            <select
              value={filters.status}
              onChange={(e) => setFilters({ ...filters, status: e.target.value })}
            >
              <option value="">{t('partners.allStatuses')}</option>
              {(['pending', 'verified', 'suspended'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`partnerStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('partners.search')}
          <input
            value={filters.q}
            onChange={(e) => setFilters({ ...filters, q: e.target.value })}
          />
        </label>
      </form>
      {decides && (
        <label>
          {t('partners.decisionReason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      {message && <p role="status">{message}</p>}
      {(decides || role === 'coordinator') && (
        <HsdsDirectoryFile canImport={decides} onImported={() => setReload((n) => n + 1)} />
      )}
      {partners.length === 0 && <p>{t('partners.none')}</p>}
      <ul className="cards">
        {partners.map((p) => (
          <li key={p.id} aria-label={p.name}>
            <strong>{p.name}</strong> · {t(`partnerKinds.${p.kind}`)}
            {p.subtype && ` (${t(`partnerSubtypes.${p.subtype}`)})`} ·{' '}
            {t(`partnerStatus.${p.status}`)}
            <div>{p.description}</div>
            <div>
              {t('partners.serviceArea')}: {p.serviceArea.join(', ')} · {p.location.address}
            </div>
            <div>
              {p.contacts
                .map((c) => [c.name, c.position, c.phone, c.email].filter(Boolean).join(', '))
                .join('; ')}
            </div>
            <div>{t('partners.trackRecord', { ...p.trackRecord })}</div>
            {p.status === 'verified' && (
              <PartnerNotes partnerId={p.id} canWrite={role !== 'admin'} />
            )}
            {decides && p.status === 'pending' && (
              <>
                <button type="button" onClick={() => void decide(p, 'verify')}>
                  {t('partners.verify')}
                </button>
                <button type="button" onClick={() => void decide(p, 'suspend')}>
                  {t('partners.reject')}
                </button>
              </>
            )}
            {decides && p.status === 'verified' && (
              <button type="button" onClick={() => void decide(p, 'suspend')}>
                {t('partners.suspend')}
              </button>
            )}
            {decides && p.status === 'suspended' && (
              <button type="button" onClick={() => void decide(p, 'reinstate')}>
                {t('partners.reinstate')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <h3>{t('offers.live')}</h3>
      <OfferTable offers={offers} />
    </section>
  );
}
