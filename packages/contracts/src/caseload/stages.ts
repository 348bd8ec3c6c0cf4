// The pipeline's stages and moves, without zod: the portal's first screens import them (see
// pure.ts).

/** Where a family stands on the way out of PKH. */
export const STAGES = [
  'active',
  'potential',
  'candidate',
  'graduated-self-reliant',
  'graduated-natural',
  'exited',
] as const;
export type Stage = (typeof STAGES)[number];

export const CLOSED_STAGES: readonly Stage[] = [
  'graduated-self-reliant',
  'graduated-natural',
  'exited',
];
export const isClosedStage = (stage: Stage): boolean => CLOSED_STAGES.includes(stage);

/**
 * The moves the pipeline allows. A family is brokered as it goes active → potential →
 * candidate and graduates self-reliant only from candidate; natural graduation (no longer
 * eligible) and exit can happen from any open stage. Closed stages are final.
 */
export const STAGE_TRANSITIONS: Record<Stage, readonly Stage[]> = {
  active: ['potential', 'graduated-natural', 'exited'],
  potential: ['active', 'candidate', 'graduated-natural', 'exited'],
  candidate: ['active', 'potential', 'graduated-self-reliant', 'graduated-natural', 'exited'],
  'graduated-self-reliant': [],
  'graduated-natural': [],
  exited: [],
};

/** Months after a graduation at which the assistant checks in on the family. */
export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;
