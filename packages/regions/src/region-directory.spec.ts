import { loadRegionDirectory } from './region-directory.js';

describe('RegionDirectory (real idn-area-data)', () => {
  it('holds the official tree with the codes the studies use', async () => {
    const regions = await loadRegionDirectory();
    expect(regions.children(null)).toHaveLength(38);
    expect(regions.get('31.75')?.name).toBe('Kota Administrasi Jakarta Timur');
    expect(regions.get('31.75.01')).toMatchObject({
      name: 'Matraman',
      level: 'district',
      parentCode: '31.75',
    });
    expect(regions.get('32.73.16')?.name).toBe('Kiaracondong');
    expect(regions.has('32.76.02', 'district')).toBe(true);
    expect(regions.has('32.76.02', 'village')).toBe(false);
    expect(regions.children('31.75.01').every((village) => village.level === 'village')).toBe(true);
  });

  it('does not know invented codes', async () => {
    const regions = await loadRegionDirectory();
    expect(regions.get('31.99')).toBeUndefined();
  });
});
