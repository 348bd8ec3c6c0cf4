import { loadRegionDirectory } from '@jembatan/regions';

/** DI token for the process-wide RegionDirectory (idn-area-data), loaded once at boot. */
export const REGIONS = Symbol('REGIONS');

export const regionsProvider = { provide: REGIONS, useFactory: loadRegionDirectory };
