import { matchTutors, scoreTutor, type MatchTutor } from './matching.js';

const family = { kpmId: 'k1', villageCode: '31.75.01.1001', businessKind: 'food' };
const tutor = (overrides: Partial<MatchTutor> = {}): MatchTutor => ({
  id: 't1',
  name: 'Ani',
  expertise: ['culinary'],
  areaCode: '31.75.01',
  freePlaces: 2,
  ...overrides,
});

describe('scoreTutor', () => {
  it('adds up the craft, nearness and free places, with a reason for each', () => {
    const scored = scoreTutor(family, tutor({ expertise: ['culinary', 'bookkeeping'] }));
    expect(scored?.score).toBe(50 + 15 + 25 + 4);
    expect(scored?.reasons).toEqual([
      { code: 'expertise-matches-business', values: ['food', 'culinary'] },
      { code: 'general-business-skills', values: ['bookkeeping'] },
      { code: 'same-district', values: ['31.75.01'] },
      { code: 'free-places', values: ['2'] },
    ]);
  });

  it('scores nearness by the deepest region both codes share', () => {
    const near = (areaCode: string) => scoreTutor(family, tutor({ areaCode }))?.reasons[1]?.code;
    expect(near('31.75.01.1001')).toBe('same-village');
    expect(near('31.75.02')).toBe('same-regency');
    expect(near('31.71')).toBe('same-province');
    expect(scoreTutor(family, tutor({ areaCode: '32.76' }))).toBeNull();
  });

  it('refuses tutors who are full, whose expertise does not serve the business, or families without a business', () => {
    expect(scoreTutor(family, tutor({ freePlaces: 0 }))).toBeNull();
    expect(scoreTutor(family, tutor({ expertise: ['livestock'] }))).toBeNull();
    expect(scoreTutor({ ...family, businessKind: null }, tutor())).toBeNull();
  });

  it('caps the free-places bonus so a huge tutor does not outrank a fitting one', () => {
    const big = scoreTutor(family, tutor({ expertise: ['bookkeeping'], freePlaces: 100 }))!;
    const fitting = scoreTutor(family, tutor({ freePlaces: 1 }))!;
    expect(fitting.score).toBeGreaterThan(big.score);
  });
});

describe('matchTutors', () => {
  it('ranks by score, then free places, then name, and keeps the best few', () => {
    const tutors = [
      tutor({ id: 'a', name: 'Budi', expertise: ['bookkeeping'] }),
      tutor({ id: 'b', name: 'Citra', freePlaces: 1 }),
      tutor({ id: 'c', name: 'Ani', freePlaces: 1 }),
      tutor({ id: 'd', name: 'Dewi', areaCode: '31.75.01.1001' }),
    ];
    const best = matchTutors([family], tutors, 3).get('k1')!;
    expect(best.map((m) => m.tutorId)).toEqual(['d', 'c', 'b']);
  });
});
