import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KPM_FLAGS, STAGES, type KpmSummary } from '@jembatan/contracts';
import { FlagBadges } from '../components/Badges';
import { api } from '../api/client';

interface Page {
  items: KpmSummary[];
  total: number;
  nextCursor: string | null;
}

interface Group {
  id: string;
  name: string;
  villageCode: string;
}

interface Filters {
  q: string;
  stage: string;
  flag: string;
  groupId: string;
  regionCode: string;
}

const NO_FILTERS: Filters = { q: '', stage: '', flag: '', groupId: '', regionCode: '' };

/** The caseload: search by name or NIK, filter by stage, flag, group or kelurahan, page on. */
export function CaseloadPage({
  refresh,
  onOpen,
}: {
  refresh: number;
  onOpen: (kpmId: string) => void;
}) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState<Page | null>(null);
  const [groups, setGroups] = useState<Group[]>([]);

  const query = (cursor?: string) =>
    new URLSearchParams({
      limit: '50',
      ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')),
      ...(cursor ? { cursor } : {}),
    });

  useEffect(() => {
    const timer = setTimeout(() => {
      api<Page>(`/api/kpm?${query()}`).then(setPage, () =>
        setPage({ items: [], total: 0, nextCursor: null }),
      );
    }, 200); // typing in the search box asks once it pauses
    return () => clearTimeout(timer);
  }, [filters, refresh]);

  useEffect(() => {
    api<{ items: Group[] }>('/api/groups').then(
      (r) => setGroups(r.items),
      () => setGroups([]),
    );
  }, [refresh]);

  async function more() {
    if (!page?.nextCursor) return;
    const next = await api<Page>(`/api/kpm?${query(page.nextCursor)}`);
    setPage({ ...next, items: [...page.items, ...next.items] });
  }

  const set = (key: keyof Filters) => (value: string) => setFilters({ ...filters, [key]: value });
  return (
    <section>
      <h2>{t('nav.caseload')}</h2>
      <div className="filters">
        <label>
          {t('kpm.search')}
          <input
            type="search"
            name="q"
            value={filters.q}
            onChange={(e) => set('q')(e.target.value)}
          />
        </label>
        <label>
          {t('kpm.stage')}
          <select name="stage" value={filters.stage} onChange={(e) => set('stage')(e.target.value)}>
            <option value="">{t('filters.all')}</option>
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`stages.${stage}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('kpm.flag')}
          <select name="flag" value={filters.flag} onChange={(e) => set('flag')(e.target.value)}>
            <option value="">{t('filters.all')}</option>
            {KPM_FLAGS.map((flag) => (
              <option key={flag} value={flag}>
                {t(`flags.${flag}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('kpm.group')}
          <select
            name="groupId"
            value={filters.groupId}
            onChange={(e) => set('groupId')(e.target.value)}
          >
            <option value="">{t('filters.all')}</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name} ({group.villageCode})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('kpm.villageCode')}
          <input
            name="regionCode"
            placeholder="31.75.01.1001"
            value={filters.regionCode}
            onChange={(e) => set('regionCode')(e.target.value.trim())}
          />
        </label>
      </div>
      {page && page.total === 0 && <p>{t('kpm.empty')}</p>}
      {page && page.total > 0 && (
        <>
          <p>{t('kpm.total', { count: page.total })}</p>
          <table>
            <thead>
              <tr>
                <th>{t('kpm.headName')}</th>
                <th>{t('kpm.nik')}</th>
                <th>{t('kpm.villageCode')}</th>
                <th>{t('kpm.group')}</th>
                <th>{t('kpm.stage')}</th>
                <th>{t('readiness.score')}</th>
                <th>{t('kpm.flag')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((kpm) => (
                <tr key={kpm.id}>
                  <td>
                    <button type="button" onClick={() => onOpen(kpm.id)}>
                      {kpm.headName}
                    </button>
                  </td>
                  <td>{kpm.nik}</td>
                  <td>{kpm.villageCode}</td>
                  <td>{kpm.group?.name ?? '-'}</td>
                  <td>{t(`stages.${kpm.stage}`)}</td>
                  <td>{kpm.readinessScore ?? '-'}</td>
                  <td>
                    <FlagBadges flags={kpm.flags} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.nextCursor && (
            <button type="button" onClick={() => void more()}>
              {t('filters.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
