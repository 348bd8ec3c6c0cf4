import {
  OBSERVATION_TEMPLATES,
  ageOn,
  fillTemplate,
  type ObservationCode,
  isSchoolAge,
  type BusinessV1,
  type CriteriaSet,
  type Criterion,
  type CriterionKey,
  type Readiness,
  type ReadinessFactor,
  type SocioEconomicV1,
  type StrengthsV1,
} from '@jembatan/contracts';

/** An assessment as the evaluator needs it: newest first per instrument. */
export interface DatedAnswers<T> {
  assessedOn: string;
  verified: boolean;
  answers: T;
}

/** Everything known about a family that graduation criteria look at. */
export interface ReadinessInputs {
  householdSize: number;
  /** Household members' birth dates and school status, for the education criterion. */
  members: { birthDate: string; schoolStatus: string | null }[];
  /** Newest first. */
  socioEconomic: DatedAnswers<SocioEconomicV1>[];
  business: DatedAnswers<BusinessV1>[];
  strengths: DatedAnswers<StrengthsV1>[];
  p2k2: { held: number; attended: number };
  trainingsCompleted: number;
  lastTraining: string | null;
  capitalOutcome: string | null;
}

/**
 * The national default, after Kemensos' graduation guidance and graduation programmes:
 * enough income per person, more than one income source, regular meals, some savings and
 * children in school are essential; business, housing and participation add to the score.
 * Regions override it (`GraduationCriteria`).
 */
export const DEFAULT_CRITERIA: CriteriaSet = {
  readyScore: 70,
  criteria: [
    // Around BPS' 2025 poverty line (≈ Rp 610,000 per person per month), with a margin.
    {
      key: 'income-per-capita',
      kind: 'essential',
      weight: 3,
      evidence: 'verified',
      threshold: 700_000,
    },
    { key: 'two-income-sources', kind: 'essential', weight: 2, evidence: 'self-reported' },
    { key: 'regular-meals', kind: 'essential', weight: 2, evidence: 'self-reported', threshold: 3 },
    { key: 'savings', kind: 'conditional', weight: 1, evidence: 'self-reported' },
    { key: 'children-in-school', kind: 'essential', weight: 2, evidence: 'self-reported' },
    { key: 'decent-housing', kind: 'conditional', weight: 1, evidence: 'verified' },
    {
      key: 'business-running',
      kind: 'conditional',
      weight: 2,
      evidence: 'self-reported',
      threshold: 6,
    },
    { key: 'business-profitable', kind: 'conditional', weight: 2, evidence: 'self-reported' },
    { key: 'business-growing', kind: 'conditional', weight: 1, evidence: 'self-reported' },
    { key: 'motivation', kind: 'conditional', weight: 1, evidence: 'self-reported', threshold: 4 },
    {
      key: 'p2k2-attendance',
      kind: 'conditional',
      weight: 1,
      evidence: 'verified',
      threshold: 0.75,
    },
    { key: 'training-completed', kind: 'conditional', weight: 1, evidence: 'verified' },
    { key: 'capital-repaying', kind: 'conditional', weight: 1, evidence: 'verified' },
  ],
};

type Verdict = Pick<ReadinessFactor, 'met' | 'observed' | 'detail' | 'source'>;

/** An observation: English for the audit trail, code and values for translation. */
function say(code: ObservationCode, values: Record<string, string | number> = {}) {
  return { observed: fillTemplate(OBSERVATION_TEMPLATES[code], values), detail: { code, values } };
}

const rupiah = (amount: number) => `Rp ${Math.round(amount).toLocaleString('id-ID')}`;

/** The newest assessment that counts as evidence for the criterion. */
function evidence<T>(list: DatedAnswers<T>[], criterion: Criterion): DatedAnswers<T> | undefined {
  return list.find((item) => criterion.evidence === 'self-reported' || item.verified);
}

function missing(instrument: string, criterion: Criterion): Verdict {
  return {
    met: false,
    ...say(
      criterion.evidence === 'verified' ? 'missing-verified-assessment' : 'missing-assessment',
      { instrument },
    ),
    source: null,
  };
}

const sourceOf = (instrument: string, item: DatedAnswers<unknown>) =>
  `${instrument} ${item.assessedOn}${item.verified ? ' (verified)' : ''}`;

function fromSocioEconomic(
  inputs: ReadinessInputs,
  criterion: Criterion,
  judge: (answers: SocioEconomicV1) => Omit<Verdict, 'source'>,
): Verdict {
  const item = evidence(inputs.socioEconomic, criterion);
  if (!item) return missing('socio-economic', criterion);
  return { ...judge(item.answers), source: sourceOf('socio-economic', item) };
}

function fromBusiness(
  inputs: ReadinessInputs,
  criterion: Criterion,
  judge: (answers: BusinessV1, item: DatedAnswers<BusinessV1>) => Omit<Verdict, 'source'>,
): Verdict {
  const item = evidence(inputs.business, criterion);
  if (!item) return missing('business', criterion);
  return { ...judge(item.answers, item), source: sourceOf('business', item) };
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

const EVALUATORS: Record<
  CriterionKey,
  (inputs: ReadinessInputs, c: Criterion, today: Date) => Verdict
> = {
  'income-per-capita': (inputs, c) =>
    fromSocioEconomic(inputs, c, (a) => {
      const perPerson = a.monthlyIncome / Math.max(1, inputs.householdSize);
      return {
        met: perPerson >= (c.threshold ?? 0),
        ...say('per-capita', { perPerson: rupiah(perPerson), threshold: rupiah(c.threshold ?? 0) }),
      };
    }),
  'two-income-sources': (inputs, c) =>
    fromSocioEconomic(inputs, c, (a) => ({
      met: a.incomeSources >= 2,
      ...say('income-sources', { count: a.incomeSources }),
    })),
  'regular-meals': (inputs, c) =>
    fromSocioEconomic(inputs, c, (a) => ({
      met: a.mealsPerDay >= (c.threshold ?? 3),
      ...say('meals', { count: a.mealsPerDay }),
    })),
  savings: (inputs, c) =>
    fromSocioEconomic(inputs, c, (a) => ({
      met: a.savings > 0,
      ...say('savings', { amount: rupiah(a.savings) }),
    })),
  'decent-housing': (inputs, c) =>
    fromSocioEconomic(inputs, c, ({ housing }) => {
      const lacking = [
        ...(housing.floor === 'earth' ? ['earth floor'] : []),
        ...(housing.cleanWater ? [] : ['no clean water']),
        ...(housing.sanitation ? [] : ['no sanitation']),
        ...(housing.electricity ? [] : ['no electricity']),
      ];
      return {
        met: lacking.length === 0,
        ...(lacking.length
          ? say('housing-lacking', { lacking: lacking.join(', ') })
          : say('housing-decent')),
      };
    }),
  'children-in-school': (inputs, _c, today) => {
    const schoolAge = inputs.members.filter((m) => isSchoolAge(ageOn(m.birthDate, today)));
    const out = schoolAge.filter(
      (m) => m.schoolStatus === 'dropped-out' || m.schoolStatus === null,
    );
    return {
      met: out.length === 0,
      ...(schoolAge.length === 0
        ? say('no-school-age')
        : say('in-school', { inSchool: schoolAge.length - out.length, total: schoolAge.length })),
      source: 'household members',
    };
  },
  'business-running': (inputs, c, today) =>
    fromBusiness(inputs, c, (a) => {
      const months = monthsBetween(a.startedOn, today.toISOString().slice(0, 10));
      return { met: months >= (c.threshold ?? 6), ...say('business-months', { months }) };
    }),
  'business-profitable': (inputs, c) =>
    fromBusiness(inputs, c, (a) => ({
      met: a.monthlyRevenue > a.monthlyCosts,
      ...say('profit', { amount: rupiah(a.monthlyRevenue - a.monthlyCosts) }),
    })),
  'business-growing': (inputs, c) =>
    fromBusiness(inputs, c, (a, item) => {
      const earlier = inputs.business.filter(
        (b) => b !== item && b.assessedOn < item.assessedOn,
      )[0];
      if (!earlier) return { met: false, ...say('one-business-assessment') };
      const change = a.monthlyRevenue - earlier.answers.monthlyRevenue;
      return {
        met: change > 0,
        ...say('revenue-change', {
          change: `${change >= 0 ? '+' : ''}${rupiah(change)}`,
          since: earlier.assessedOn,
        }),
      };
    }),
  motivation: (inputs, c) => {
    const item = evidence(inputs.strengths, c);
    if (!item) return missing('strengths', c);
    return {
      met: item.answers.motivation >= (c.threshold ?? 4),
      ...say('motivation', { score: item.answers.motivation }),
      source: sourceOf('strengths', item),
    };
  },
  'p2k2-attendance': (inputs, c) => {
    const { held, attended } = inputs.p2k2;
    const share = held === 0 ? 0 : attended / held;
    return {
      met: held > 0 && share >= (c.threshold ?? 0.75),
      ...(held === 0 ? say('no-p2k2') : say('p2k2', { attended, held })),
      source: 'P2K2 attendance',
    };
  },
  'training-completed': (inputs) => ({
    met: inputs.trainingsCompleted > 0,
    ...(inputs.trainingsCompleted === 0
      ? say('no-training')
      : say('trainings', { count: inputs.trainingsCompleted })),
    source: inputs.lastTraining,
  }),
  'capital-repaying': (inputs) => ({
    // Capital at work in the business: a loan being (or fully) repaid, or a grant received.
    met: ['repaying', 'repaid', 'granted'].includes(inputs.capitalOutcome ?? ''),
    ...(inputs.capitalOutcome
      ? say('capital', { outcome: inputs.capitalOutcome })
      : say('no-capital')),
    source: inputs.capitalOutcome ? 'capital referral' : null,
  }),
};

/**
 * Scores a family against a region's criteria: score = weight of the met criteria over the
 * total weight; ready when every essential criterion is met and the score reaches the
 * region's ready score. Every factor is returned, so the decision can be explained.
 */
export function evaluateReadiness(
  inputs: ReadinessInputs,
  set: CriteriaSet,
  criteriaRegion: string,
  today: Date = new Date(),
): Readiness {
  const factors = set.criteria.map((criterion) => ({
    key: criterion.key,
    kind: criterion.kind,
    weight: criterion.weight,
    evidence: criterion.evidence,
    ...EVALUATORS[criterion.key](inputs, criterion, today),
  }));
  const total = factors.reduce((sum, f) => sum + f.weight, 0);
  const met = factors.filter((f) => f.met).reduce((sum, f) => sum + f.weight, 0);
  const score = total === 0 ? 0 : Math.round((met / total) * 100);
  const essentialsMet = factors.every((f) => f.kind !== 'essential' || f.met);
  return {
    score,
    essentialsMet,
    ready: essentialsMet && score >= set.readyScore,
    readyScore: set.readyScore,
    criteriaRegion,
    factors,
  };
}
