import type { CriteriaSet } from '@jembatan/contracts';
import { DEFAULT_CRITERIA, evaluateReadiness, type ReadinessInputs } from './readiness.js';

const today = new Date('2026-11-23T00:00:00Z');

const socioEconomic = (
  overrides: Partial<ReadinessInputs['socioEconomic'][number]['answers']> = {},
) =>
  ({
    monthlyIncome: 4_000_000,
    incomeSources: 2,
    monthlySpending: 3_000_000,
    mealsPerDay: 3,
    savings: 500_000,
    housing: {
      tenure: 'owned',
      floor: 'cement',
      cleanWater: true,
      sanitation: true,
      electricity: true,
    },
    assets: [],
    ...overrides,
  }) as ReadinessInputs['socioEconomic'][number]['answers'];

function inputs(overrides: Partial<ReadinessInputs> = {}): ReadinessInputs {
  return {
    householdSize: 4,
    members: [
      { birthDate: '1985-01-01', schoolStatus: null },
      { birthDate: '2014-05-05', schoolStatus: 'primary' },
    ],
    socioEconomic: [{ assessedOn: '2026-10-01', verified: true, answers: socioEconomic() }],
    business: [],
    strengths: [],
    p2k2: { held: 0, attended: 0 },
    trainingsCompleted: 0,
    lastTraining: null,
    capitalOutcome: null,
    ...overrides,
  };
}

const factor = (result: ReturnType<typeof evaluateReadiness>, key: string) =>
  result.factors.find((f) => f.key === key)!;

describe('evaluateReadiness', () => {
  it('scores the weight of met criteria over the total, and explains each', () => {
    const result = evaluateReadiness(inputs(), DEFAULT_CRITERIA, 'ID', today);
    // Met: income (3), two sources (2), meals (2), savings (1), school (2), housing (1) = 11 of 20.
    expect(result.score).toBe(55);
    expect(result.essentialsMet).toBe(true);
    expect(result.ready).toBe(false); // below the ready score of 70
    expect(factor(result, 'income-per-capita')).toMatchObject({
      met: true,
      observed: expect.stringContaining('1.000.000 per person'),
      source: 'socio-economic 2026-10-01 (verified)',
    });
    expect(factor(result, 'p2k2-attendance')).toMatchObject({
      met: false,
      observed: 'no P2K2 sessions recorded',
    });
  });

  it('does not accept self-reported answers for a criterion that needs verified evidence', () => {
    const unverified = inputs({
      socioEconomic: [{ assessedOn: '2026-10-01', verified: false, answers: socioEconomic() }],
    });
    const result = evaluateReadiness(unverified, DEFAULT_CRITERIA, 'ID', today);
    expect(factor(result, 'income-per-capita')).toMatchObject({
      met: false,
      observed: 'no verified socio-economic assessment',
    });
    expect(factor(result, 'two-income-sources').met).toBe(true); // self-reported is enough there
    expect(result.essentialsMet).toBe(false);
  });

  it('fails the education criterion when a school-age child dropped out', () => {
    const result = evaluateReadiness(
      inputs({ members: [{ birthDate: '2012-03-03', schoolStatus: 'dropped-out' }] }),
      DEFAULT_CRITERIA,
      'ID',
      today,
    );
    expect(factor(result, 'children-in-school')).toMatchObject({
      met: false,
      observed: '0 of 1 school-age children in school',
    });
  });

  it('reads business growth from the two newest business assessments', () => {
    const business = (assessedOn: string, monthlyRevenue: number) => ({
      assessedOn,
      verified: false,
      answers: {
        kind: 'food' as const,
        description: 'Warung nasi',
        startedOn: '2025-01-01',
        monthlyRevenue,
        monthlyCosts: 1_000_000,
        keepsBooks: true,
        workers: 0,
      },
    });
    const result = evaluateReadiness(
      inputs({ business: [business('2026-10-01', 3_000_000), business('2026-06-01', 2_000_000)] }),
      DEFAULT_CRITERIA,
      'ID',
      today,
    );
    expect(factor(result, 'business-growing')).toMatchObject({
      met: true,
      observed: 'revenue +Rp 1.000.000 since 2026-06-01',
    });
    expect(factor(result, 'business-running')).toMatchObject({
      met: true,
      observed: 'business running 22 month(s)',
    });
  });

  it("uses the region's own criteria, weights and thresholds", () => {
    const region: CriteriaSet = {
      readyScore: 50,
      criteria: [
        {
          key: 'income-per-capita',
          kind: 'essential',
          weight: 1,
          evidence: 'self-reported',
          threshold: 2_000_000,
        },
        { key: 'capital-repaying', kind: 'conditional', weight: 3, evidence: 'verified' },
      ],
    };
    const result = evaluateReadiness(
      inputs({ capitalOutcome: 'repaying' }),
      region,
      '31.75',
      today,
    );
    expect(result).toMatchObject({
      score: 75,
      essentialsMet: false,
      ready: false,
      criteriaRegion: '31.75',
    });
    expect(result.factors).toHaveLength(2);
  });
});
