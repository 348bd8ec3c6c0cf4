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

/** Points and reason for how close the tutor works, by how many region levels the codes share. */
const PROXIMITY: Record<number, { code: MatchReason['code']; points: number }> = {
  4: { code: 'same-village', points: 30 },
  3: { code: 'same-district', points: 25 },
  2: { code: 'same-regency', points: 15 },
  1: { code: 'same-province', points: 5 },
};
const CRAFT_POINTS = 50;
const GENERAL_POINTS = 15;
const POINTS_PER_FREE_PLACE = 2;
const FREE_PLACES_COUNTED = 5;

/** `31.75.01.1001` -> [`31`, `31.75`, `31.75.01`, `31.75.01.1001`]. */
const prefixes = (code: string): string[] => {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
};

/** How many leading region levels two codes share, given their prefixes. */
function sharedLevels(family: readonly string[], tutor: readonly string[]): number {
  for (let level = Math.min(family.length, tutor.length); level > 0; level--)
    if (family[level - 1] === tutor[level - 1]) return level;
  return 0;
}

interface Candidate {
  tutor: MatchTutor;
  area: string[];
  crafts: string[];
  general: string[];
  base: number;
}

/**
 * Tutors who can help a business of each kind, with what they bring, worked out once per
 * batch: scoring a pair is then a few comparisons.
 */
function candidatesByKind(tutors: readonly MatchTutor[]): Map<string, Candidate[]> {
  const byKind = new Map<string, Candidate[]>();
  const open = tutors.filter((t) => t.freePlaces > 0);
  for (const kind of Object.keys(EXPERTISE_FOR_BUSINESS) as BusinessKind[]) {
    const direct = EXPERTISE_FOR_BUSINESS[kind];
    const list: Candidate[] = [];
    for (const tutor of open) {
      const crafts = tutor.expertise.filter((e) => direct.includes(e as TutorExpertise));
      const general = tutor.expertise.filter((e) =>
        GENERAL_EXPERTISE.includes(e as TutorExpertise),
      );
      if (crafts.length === 0 && general.length === 0) continue;
      const base =
        (crafts.length > 0 ? CRAFT_POINTS : 0) +
        (general.length > 0 ? GENERAL_POINTS : 0) +
        Math.min(tutor.freePlaces, FREE_PLACES_COUNTED) * POINTS_PER_FREE_PLACE;
      list.push({ tutor, area: prefixes(tutor.areaCode), crafts, general, base });
    }
    byKind.set(kind, list);
  }
  return byKind;
}

function explain(kind: string, candidate: Candidate, levels: number, score: number): ScoredTutor {
  const { tutor, crafts, general } = candidate;
  const reasons: MatchReason[] = [];
  if (crafts.length > 0)
    reasons.push({ code: 'expertise-matches-business', values: [kind, ...crafts] });
  if (general.length > 0) reasons.push({ code: 'general-business-skills', values: general });
  reasons.push({ code: PROXIMITY[levels]!.code, values: [tutor.areaCode] });
  reasons.push({ code: 'free-places', values: [String(tutor.freePlaces)] });
  return { tutorId: tutor.id, name: tutor.name, score, freePlaces: tutor.freePlaces, reasons };
}

/** Higher score first; then more free places; then name. */
const before = (a: { score: number; tutor: MatchTutor }, b: { score: number; tutor: MatchTutor }) =>
  b.score - a.score ||
  b.tutor.freePlaces - a.tutor.freePlaces ||
  a.tutor.name.localeCompare(b.tutor.name);

/**
 * The best `perFamily` tutors for each family. A tutor's score: the craft the business needs
 * (50), general business skills (15), how near the tutor works (5-30) and free places (2 each,
 * up to 10). Tutors who are full, cannot help this kind of business or work in another
 * province are left out. Region codes stand in for distance: idn-area-data has no village
 * coordinates. Families of the same kind in the same village share one ranking.
 */
export function matchTutors(
  families: readonly MatchFamily[],
  tutors: readonly MatchTutor[],
  perFamily: number,
): Map<string, ScoredTutor[]> {
  const byKind = candidatesByKind(tutors);
  const rankings = new Map<string, ScoredTutor[]>();
  const result = new Map<string, ScoredTutor[]>();
  for (const family of families) {
    if (family.businessKind === null) {
      result.set(family.kpmId, []);
      continue;
    }
    const key = `${family.businessKind}|${family.villageCode}`;
    let ranking = rankings.get(key);
    if (!ranking) {
      const village = prefixes(family.villageCode);
      const best: { score: number; tutor: MatchTutor; candidate: Candidate; levels: number }[] = [];
      for (const candidate of byKind.get(family.businessKind) ?? []) {
        const levels = sharedLevels(village, candidate.area);
        if (levels === 0) continue;
        const entry = {
          score: candidate.base + PROXIMITY[levels]!.points,
          tutor: candidate.tutor,
          candidate,
          levels,
        };
        if (best.length === perFamily && before(entry, best[best.length - 1]!) >= 0) continue;
        best.push(entry);
        best.sort(before);
        if (best.length > perFamily) best.pop();
      }
      ranking = best.map((b) => explain(family.businessKind!, b.candidate, b.levels, b.score));
      rankings.set(key, ranking);
    }
    result.set(family.kpmId, ranking);
  }
  return result;
}

/** One tutor for one family, with the reasons (null when the tutor cannot help). */
export function scoreTutor(family: MatchFamily, tutor: MatchTutor): ScoredTutor | null {
  return matchTutors([family], [tutor], 1).get(family.kpmId)?.[0] ?? null;
}
