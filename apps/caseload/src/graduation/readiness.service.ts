import { Injectable } from '@nestjs/common';
import type { BusinessV1, Readiness, SocioEconomicV1, StrengthsV1 } from '@jembatan/contracts';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { FamilyProfile } from '../families/families.repository.js';
import { CriteriaRepository } from './criteria.repository.js';
import { evaluateReadiness, type DatedAnswers, type ReadinessInputs } from './readiness.js';

type Scored = Pick<FamilyProfile, 'villageCode' | 'members' | 'assessments' | 'signals'>;

/** What the evaluator needs, from a loaded profile. */
export function readinessInputsOf(family: Scored): ReadinessInputs {
  const answers = <T>(instrument: string): DatedAnswers<T>[] =>
    family.assessments
      .filter((a) => a.instrument === instrument)
      .sort(
        (a, b) =>
          b.assessedOn.getTime() - a.assessedOn.getTime() ||
          b.recordedAt.getTime() - a.recordedAt.getTime(),
      )
      .map((a) => ({
        assessedOn: a.assessedOn.toISOString().slice(0, 10),
        verified: a.verified,
        answers: a.answers as T,
      }));
  return {
    householdSize: family.members.length,
    members: family.members.map((m) => ({
      birthDate: m.birthDate.toISOString().slice(0, 10),
      schoolStatus: m.schoolStatus,
    })),
    socioEconomic: answers<SocioEconomicV1>('socio-economic'),
    business: answers<BusinessV1>('business'),
    strengths: answers<StrengthsV1>('strengths'),
    p2k2: { held: family.signals?.p2k2Held ?? 0, attended: family.signals?.p2k2Attended ?? 0 },
    trainingsCompleted: family.signals?.trainingsCompleted ?? 0,
    lastTraining: family.signals?.lastTraining ?? null,
    capitalOutcome: family.signals?.capitalOutcome ?? null,
  };
}

/** Scores families against their region's criteria and keeps the stored score current. */
@Injectable()
export class ReadinessService {
  constructor(private readonly criteria: CriteriaRepository) {}

  async evaluate(db: Tx | PrismaService, family: Scored): Promise<Readiness> {
    const { regionCode, set } = await this.criteria.effectiveFor(db, family.villageCode);
    return evaluateReadiness(readinessInputsOf(family), set, regionCode);
  }

  /** Scores many families, looking up each village's criteria once (the graduation board). */
  async evaluateAll(db: Tx | PrismaService, families: Scored[]): Promise<Readiness[]> {
    const criteria = new Map<string, ReturnType<CriteriaRepository['effectiveFor']>>();
    return Promise.all(
      families.map(async (family) => {
        if (!criteria.has(family.villageCode))
          criteria.set(family.villageCode, this.criteria.effectiveFor(db, family.villageCode));
        const { regionCode, set } = await criteria.get(family.villageCode)!;
        return evaluateReadiness(readinessInputsOf(family), set, regionCode);
      }),
    );
  }

  /** Keeps the stored score (what lists sort and filter on) equal to `readiness`. */
  async store(tx: Tx, kpmId: string, readiness: Readiness): Promise<void> {
    await tx.kpm.update({
      where: { id: kpmId },
      data: { readinessScore: readiness.score, ready: readiness.ready },
    });
  }

  /** Re-scores a family inside the transaction that changed one of its inputs. */
  async refresh(tx: Tx, kpmId: string): Promise<Readiness> {
    const family = await tx.kpm.findUniqueOrThrow({
      where: { id: kpmId },
      include: { members: true, assessments: true, signals: true },
    });
    const readiness = await this.evaluate(tx, family);
    await this.store(tx, kpmId, readiness);
    return readiness;
  }
}
