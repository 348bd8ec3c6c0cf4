import type { BrokerFamily, Need } from '@jembatan/contracts';
import type { FamilyProfile } from '../generated/prisma/client.js';
import type { FitFamily } from './fit.js';

/** The needs a profile's flags say the family has, in the needs instrument's order. */
export function needsOf(
  profile: Pick<FamilyProfile, 'needCapital' | 'needTraining' | 'needMarket' | 'needTutor'>,
): Need[] {
  const needs: Need[] = [];
  if (profile.needCapital) needs.push('capital');
  if (profile.needTraining) needs.push('training');
  if (profile.needMarket) needs.push('market');
  if (profile.needTutor) needs.push('tutor');
  return needs;
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export function toBrokerFamily(profile: FamilyProfile): BrokerFamily {
  return {
    kpmId: profile.kpmId,
    headName: profile.headName,
    villageCode: profile.villageCode,
    assistantId: profile.assistantId,
    stage: profile.stage as BrokerFamily['stage'],
    businessKind: profile.businessKind,
    businessStartedOn: day(profile.businessStartedOn),
    needs: needsOf(profile),
    trainingsCompleted: profile.trainingsCompleted,
  };
}

export function fitFamilyOf(profile: FamilyProfile): FitFamily {
  return {
    villageCode: profile.villageCode,
    stage: profile.stage as FitFamily['stage'],
    businessKind: profile.businessKind,
    businessStartedOn: day(profile.businessStartedOn),
    needs: needsOf(profile),
    capitalAmount: profile.capitalAmount === null ? null : Number(profile.capitalAmount),
    trainingsCompleted: profile.trainingsCompleted,
  };
}
