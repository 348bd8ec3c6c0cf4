import {
  EXPERTISE_FOR_BUSINESS,
  GENERAL_EXPERTISE,
  type BusinessKind,
  type MatchReason,
  type TutorExpertise,
} from '@jembatan/contracts';

export interface MatchFamily {
  kpmId: string;
  villageCode: string;
  businessKind: string | null;
}

export interface MatchTutor {
  id: string;
  name: string;
  expertise: readonly string[];
  areaCode: string;
  freePlaces: number;
}

export interface ScoredTutor {
  tutorId: string;
  name: string;
  score: number;
  freePlaces: number;
  reasons: MatchReason[];
}

/** Points for how close the tutor works, by the deepest region the two codes share. */
const PROXIMITY: readonly { parts: number; code: MatchReason['code']; points: number }[] = [
  { parts: 4, code: 'same-village', points: 30 },
  { parts: 3, code: 'same-district', points: 25 },
  { parts: 2, code: 'same-regency', points: 15 },
  { parts: 1, code: 'same-province', points: 5 },
];

/** How many leading parts of two region codes agree (`31.75.01.1001` vs `31.75.02` -> 2). */
function sharedParts(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  let shared = 0;
  while (shared < x.length && shared < y.length && x[shared] === y[shared]) shared++;
  return shared;
}

/**
 * Scores one tutor for one family: the craft the business needs (50), general business skills
 * (15), how near the tutor works (5-30) and free places (2 each, up to 10). Returns null when
 * the tutor cannot help: no fitting expertise, another province, or no free place. Region
 * codes stand in for distance: idn-area-data has no village coordinates.
 */
export function scoreTutor(family: MatchFamily, tutor: MatchTutor): ScoredTutor | null {
  if (tutor.freePlaces <= 0 || family.businessKind === null) return null;
  const direct = EXPERTISE_FOR_BUSINESS[family.businessKind as BusinessKind] ?? [];
  const crafts = tutor.expertise.filter((e) => direct.includes(e as TutorExpertise));
  const general = tutor.expertise.filter((e) => GENERAL_EXPERTISE.includes(e as TutorExpertise));
  if (crafts.length === 0 && general.length === 0) return null;
  const proximity = PROXIMITY.find(
    (p) => p.parts <= sharedParts(family.villageCode, tutor.areaCode),
  );
  if (!proximity) return null;
  const reasons: MatchReason[] = [];
  let score = 0;
  if (crafts.length > 0) {
    score += 50;
    reasons.push({ code: 'expertise-matches-business', values: [family.businessKind, ...crafts] });
  }
  if (general.length > 0) {
    score += 15;
    reasons.push({ code: 'general-business-skills', values: general });
  }
  score += proximity.points;
  reasons.push({ code: proximity.code, values: [tutor.areaCode] });
  score += Math.min(tutor.freePlaces, 5) * 2;
  reasons.push({ code: 'free-places', values: [String(tutor.freePlaces)] });
  return { tutorId: tutor.id, name: tutor.name, score, freePlaces: tutor.freePlaces, reasons };
}

/** The best `perFamily` tutors for each family, highest score first (ties: more free places, name). */
export function matchTutors(
  families: readonly MatchFamily[],
  tutors: readonly MatchTutor[],
  perFamily: number,
): Map<string, ScoredTutor[]> {
  const result = new Map<string, ScoredTutor[]>();
  for (const family of families) {
    const scored: ScoredTutor[] = [];
    for (const tutor of tutors) {
      const match = scoreTutor(family, tutor);
      if (match) scored.push(match);
    }
    scored.sort(
      (a, b) => b.score - a.score || b.freePlaces - a.freePlaces || a.name.localeCompare(b.name),
    );
    result.set(family.kpmId, scored.slice(0, perFamily));
  }
  return result;
}
