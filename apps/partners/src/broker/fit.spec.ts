import { addMonths, monthsSince } from '@jembatan/contracts';
import { assessFit, distanceBetween, type FitFamily, type FitOffer } from './fit.js';

const family: FitFamily = {
  villageCode: '31.75.01.1001',
  stage: 'potential',
  businessKind: 'food',
  businessStartedOn: '2025-01-15',
  needs: ['capital'],
  capitalAmount: 3_000_000,
  trainingsCompleted: 0,
};
const loan: FitOffer = {
  kind: 'loan',
  capacity: 10,
  seatsTaken: 5,
  regions: ['31.75'],
  businessKinds: ['food'],
  minBusinessMonths: 6,
  stages: [],
  priorTraining: false,
  placeVillageCode: '31.75.01.1002',
  amountMin: 1_000_000,
  amountMax: 5_000_000,
};
const today = '2026-11-24';
const reason = (fit: ReturnType<typeof assessFit>, code: string) =>
  fit.reasons.find((r) => r.code === code);

describe('assessFit', () => {
  it('scores a family that meets every rule by need, business, distance, places and amount', () => {
    const fit = assessFit(loan, family, today);
    expect(fit.eligible).toBe(true);
    expect(fit.distance).toBe('same-district');
    // need 40 + targeted business 15 + same district 15 + half the places 5 + amount 15
    expect(fit.score).toBe(90);
    expect(fit.reasons.filter((r) => r.blocking).every((r) => r.met)).toBe(true);
  });

  it('names the rule a family fails and keeps it ineligible', () => {
    const young = { ...family, businessStartedOn: '2026-08-01' };
    const fit = assessFit(loan, young, today);
    expect(fit.eligible).toBe(false);
    expect(reason(fit, 'business-months')).toMatchObject({
      met: false,
      blocking: true,
      params: { family: 3, required: 6 },
    });
  });

  it('refuses families outside the regions, of other businesses, graduated, untrained or when full', () => {
    expect(
      reason(assessFit(loan, { ...family, villageCode: '32.76.02.1001' }, today), 'region')?.met,
    ).toBe(false);
    expect(
      reason(assessFit(loan, { ...family, businessKind: 'crafts' }, today), 'business-kinds')?.met,
    ).toBe(false);
    expect(
      reason(assessFit(loan, { ...family, businessKind: null }, today), 'business-kinds')?.met,
    ).toBe(false);
    expect(
      reason(assessFit(loan, { ...family, stage: 'graduated-natural' }, today), 'stages')?.met,
    ).toBe(false);
    expect(
      reason(assessFit({ ...loan, priorTraining: true }, family, today), 'prior-training')?.met,
    ).toBe(false);
    expect(reason(assessFit({ ...loan, seatsTaken: 10 }, family, today), 'capacity')?.met).toBe(
      false,
    );
    expect(assessFit({ ...loan, stages: ['candidate'] }, family, today).eligible).toBe(false);
  });

  it('ranks but does not block on need, distance and amount', () => {
    const fit = assessFit(
      loan,
      { ...family, needs: ['market'], capitalAmount: 9_000_000, villageCode: '31.75.03.1001' },
      today,
    );
    expect(fit.eligible).toBe(true);
    expect(reason(fit, 'need')).toMatchObject({ met: false, blocking: false });
    expect(reason(fit, 'amount')).toMatchObject({ met: false, blocking: false });
    expect(fit.score).toBe(15 + 10 + 5);
  });
});

describe('months', () => {
  it('adds months the way PostgreSQL does, clamping to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });
  it('counts whole months', () => {
    expect(monthsSince('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsSince('2026-01-15', '2026-02-14')).toBe(0);
    expect(monthsSince('2025-01-15', '2026-11-24')).toBe(22);
    expect(monthsSince('2027-01-01', '2026-11-24')).toBe(0);
  });
});

describe('distanceBetween', () => {
  it('reads nearness off the region tree', () => {
    expect(distanceBetween('31.75.01.1001', '31.75.01.1001')).toBe('same-village');
    expect(distanceBetween('31.75.01.1001', '31.75.03.1001')).toBe('same-regency');
    expect(distanceBetween('31.75.01.1001', '31.71.01.1001')).toBe('same-province');
    expect(distanceBetween('31.75.01.1001', '32.76.02.1001')).toBe('farther');
    expect(distanceBetween('31.75.01.1001', null)).toBe('farther');
  });
});
