import { z } from 'zod';
import { STAGES } from './stages.js';

export * from './stages.js';

export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

/**
 * The graduation criteria the platform can evaluate. A region chooses which apply, how much
 * each weighs, whether it is essential, and what evidence it needs.
 */
export const CRITERION_KEYS = [
  'income-per-capita',
  'two-income-sources',
  'regular-meals',
  'savings',
  'decent-housing',
  'children-in-school',
  'business-running',
  'business-profitable',
  'business-growing',
  'motivation',
  'p2k2-attendance',
  'training-completed',
  'capital-repaying',
] as const;
export const CriterionKey = z.enum(CRITERION_KEYS);
export type CriterionKey = z.infer<typeof CriterionKey>;

/**
 * Essential criteria must all be met to graduate self-reliant; conditional ones add to the
 * score. Evidence `verified` counts an answer only from an assessment the assistant verified
 * (home visit, documents); `self-reported` accepts the family's word.
 */
export const Criterion = z.strictObject({
  key: CriterionKey,
  kind: z.enum(['essential', 'conditional']),
  weight: z.number().int().min(1).max(10),
  evidence: z.enum(['self-reported', 'verified']),
  /** The threshold for criteria that have one (rupiah per person, meals a day, share of sessions). */
  threshold: z.number().nonnegative().optional(),
});
export type Criterion = z.infer<typeof Criterion>;

export const CriteriaSet = z
  .strictObject({
    criteria: z.array(Criterion).min(1).max(CRITERION_KEYS.length),
    /** Score (0-100) from which a family is shown as ready, once the essentials are met. */
    readyScore: z.number().int().min(0).max(100),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.criteria.forEach((criterion, index) => {
      if (seen.has(criterion.key))
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', index, 'key'],
          message: 'appears twice',
        });
      seen.add(criterion.key);
    });
  });
export type CriteriaSet = z.infer<typeof CriteriaSet>;

/** One criterion as evaluated for one family: the explanation behind the score. */
export const ReadinessFactor = z.object({
  key: CriterionKey,
  kind: z.enum(['essential', 'conditional']),
  weight: z.number(),
  evidence: z.enum(['self-reported', 'verified']),
  met: z.boolean(),
  /** What was observed, in English, e.g. "Rp 850.000 per person per month (threshold Rp 700.000)". */
  observed: z.string(),
  /** The same observation as a template code and its values, for the portal to translate. */
  detail: z.object({
    code: z.string(),
    values: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  /** Where it came from: an assessment date, P2K2 attendance, a referral outcome. */
  source: z.string().nullable(),
});
export type ReadinessFactor = z.infer<typeof ReadinessFactor>;

export const Readiness = z.object({
  score: z.number().int().min(0).max(100),
  essentialsMet: z.boolean(),
  ready: z.boolean(),
  readyScore: z.number().int(),
  criteriaRegion: z.string(),
  factors: z.array(ReadinessFactor),
});
export type Readiness = z.infer<typeof Readiness>;

/**
 * What a readiness factor observed, as English templates keyed by code. The service fills them
 * for the audit trail (`observed`); the portal shows `detail` in the reader's language, using
 * these templates for English and its own translations otherwise.
 */
export const OBSERVATION_TEMPLATES = {
  'missing-assessment': 'no {{instrument}} assessment',
  'missing-verified-assessment': 'no verified {{instrument}} assessment',
  'per-capita': '{{perPerson}} per person per month (threshold {{threshold}})',
  'income-sources': '{{count}} income source(s)',
  meals: '{{count}} meals a day',
  savings: 'savings {{amount}}',
  'housing-decent': 'decent',
  'housing-lacking': 'lacking: {{lacking}}',
  'no-school-age': 'no school-age children',
  'in-school': '{{inSchool}} of {{total}} school-age children in school',
  'business-months': 'business running {{months}} month(s)',
  profit: 'monthly profit {{amount}}',
  'one-business-assessment': 'only one business assessment so far',
  'revenue-change': 'revenue {{change}} since {{since}}',
  motivation: 'motivation {{score}} of 5',
  'no-p2k2': 'no P2K2 sessions recorded',
  p2k2: 'attended {{attended}} of {{held}} sessions',
  'no-training': 'no training completed',
  trainings: '{{count}} training(s) completed',
  'no-capital': 'no capital referral outcome',
  capital: 'capital referral {{outcome}}',
} as const;
export type ObservationCode = keyof typeof OBSERVATION_TEMPLATES;

export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
