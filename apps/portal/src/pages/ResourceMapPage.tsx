import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NEEDS } from '@jembatan/contracts/pure';
import type { CommandResponse } from '@jembatan/contracts';
import { api } from '../api/client';

type ResourceMap = CommandResponse<'partners.resource-map.get'>;

/**
 * Where help is and where it is missing: per kecamatan (or kelurahan) the partners and live
 * offers that reach it against the families assessed as needing them, gaps highlighted; and
 * the partners' locations on a map.
 */
export function ResourceMapPage({ scope }: { scope: string | null }) {
  const { t } = useTranslation();
  const [region, setRegion] = useState<string | null>(scope);
  const [map, setMap] = useState<ResourceMap | null>(null);
  useEffect(() => {
    setMap(null);
    api<ResourceMap>(`/api/resource-map${region ? `?regionCode=${region}` : ''}`).then(setMap, () =>
      setMap(null),
    );
  }, [region]);
  if (!map) return <p>{t('app.loading')}</p>;
  return (
    <section>
      <h2>{t('resourceMap.title', { name: map.region.name })}</h2>
      {region !== scope && (
        <button type="button" onClick={() => setRegion(scope)}>
          {t('resourceMap.back')}
        </button>
      )}
      <table aria-label={t('resourceMap.table')}>
        <thead>
          <tr>
            <th>{t('resourceMap.region')}</th>
            <th>{t('resourceMap.partners')}</th>
            {NEEDS.map((need) => (
              <th key={need}>{t(`needs.${need}`)}</th>
            ))}
            <th>{t('resourceMap.gaps')}</th>
          </tr>
        </thead>
        <tbody>
          {map.rows.map((row) => (
            <tr key={row.regionCode} className={row.gaps.length > 0 ? 'gap' : undefined}>
              <td>
                {row.regionCode.length < 13 ? (
                  <button type="button" onClick={() => setRegion(row.regionCode)}>
                    {row.name}
                  </button>
                ) : (
                  row.name
                )}
              </td>
              <td>{row.partners}</td>
              {NEEDS.map((need) => (
                <td key={need} className={row.gaps.includes(need) ? 'gap' : undefined}>
                  {t('resourceMap.cell', { offers: row.offers[need], families: row.demand[need] })}
                </td>
              ))}
              <td>{row.gaps.map((need) => t(`needs.${need}`)).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PartnerLocations locations={map.locations} />
    </section>
  );
}

/** Partner locations as points on their own bounding box (no map tiles: works offline). */
function PartnerLocations({ locations }: { locations: ResourceMap['locations'] }) {
  const { t } = useTranslation();
  if (locations.length === 0) return <p>{t('resourceMap.noLocations')}</p>;
  const lats = locations.map((l) => l.lat);
  const lngs = locations.map((l) => l.lng);
  const pad = 0.01;
  const [minLat, maxLat] = [Math.min(...lats) - pad, Math.max(...lats) + pad];
  const [minLng, maxLng] = [Math.min(...lngs) - pad, Math.max(...lngs) + pad];
  const x = (lng: number) => ((lng - minLng) / (maxLng - minLng)) * 380 + 10;
  const y = (lat: number) => ((maxLat - lat) / (maxLat - minLat)) * 280 + 10;
  return (
    <figure>
      <svg
        viewBox="0 0 400 300"
        role="img"
        aria-label={t('resourceMap.map')}
        className="partner-map"
      >
        <rect x="0" y="0" width="400" height="300" fill="none" stroke="currentColor" />
        {locations.map((l) => (
          <g key={l.partnerId}>
            <circle cx={x(l.lng)} cy={y(l.lat)} r="5" />
            <text x={x(l.lng) + 7} y={y(l.lat) + 4} fontSize="10">
              {l.name}
            </text>
            <title>{`${l.name} · ${t(`partnerKinds.${l.kind}`)} · ${l.lat}, ${l.lng}`}</title>
          </g>
        ))}
      </svg>
      <figcaption>{t('resourceMap.map')}</figcaption>
    </figure>
  );
}
