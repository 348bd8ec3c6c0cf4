import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import type { RegionLevel } from '@jembatan/contracts';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * The official region tree (38 provinces, 514 regencies/cities, ~7,300 districts, ~84,000
 * villages), held in memory: about 10 MB, loaded once per process.
 */
export class RegionDirectory {
  private readonly byCode = new Map<string, Region>();
  private readonly childrenByParent = new Map<string | null, Region[]>();

  private constructor(regions: Iterable<Region>) {
    for (const region of regions) {
      this.byCode.set(region.code, region);
      const siblings = this.childrenByParent.get(region.parentCode) ?? [];
      siblings.push(region);
      this.childrenByParent.set(region.parentCode, siblings);
    }
  }

  static fromRegions(regions: Iterable<Region>): RegionDirectory {
    return new RegionDirectory(regions);
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  has(code: string, level?: RegionLevel): boolean {
    const region = this.byCode.get(code);
    return region !== undefined && (level === undefined || region.level === level);
  }

  /** Child regions of `code`, or the provinces when `code` is null. */
  children(code: string | null): readonly Region[] {
    return this.childrenByParent.get(code) ?? [];
  }

  get size(): number {
    return this.byCode.size;
  }
}

let loading: Promise<RegionDirectory> | undefined;

/** The process-wide directory, read from the idn-area-data package on first use. */
export function loadRegionDirectory(): Promise<RegionDirectory> {
  loading ??= (async () => {
    const [provinces, regencies, districts, villages] = await Promise.all([
      getProvinces(),
      getRegencies(),
      getDistricts(),
      getVillages(),
    ]);
    const regions: Region[] = [
      ...provinces.map((p) => ({
        code: p.code,
        name: p.name,
        level: 'province' as const,
        parentCode: null,
      })),
      ...regencies.map((r) => ({
        code: r.code,
        name: r.name,
        level: 'regency' as const,
        parentCode: r.province_code,
      })),
      ...districts.map((d) => ({
        code: d.code,
        name: d.name,
        level: 'district' as const,
        parentCode: d.regency_code,
      })),
      ...villages.map((v) => ({
        code: v.code,
        name: v.name,
        level: 'village' as const,
        parentCode: v.district_code,
      })),
    ];
    return RegionDirectory.fromRegions(regions);
  })();
  return loading;
}
