import { z } from 'zod';
import { nikPersonMismatch, Nik } from '../identity.js';

/** A family member's place in the household (Kartu Keluarga terms). */
export const MEMBER_RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'other',
] as const;
export const MemberRelation = z.enum(MEMBER_RELATIONS);

/** Where a child stands with school; PKH's education component covers SD, SMP and SMA age. */
export const SCHOOL_STATUSES = [
  'not-school-age',
  'early-childhood',
  'primary',
  'junior-secondary',
  'senior-secondary',
  'dropped-out',
  'finished',
] as const;
export const SchoolStatus = z.enum(SCHOOL_STATUSES);

export const Sex = z.enum(['F', 'M']);

const BirthDate = z.iso
  .date('must be a date YYYY-MM-DD')
  .refine((value) => value <= new Date().toISOString().slice(0, 10), 'cannot be in the future')
  .refine((value) => value >= '1900-01-01', 'is too far in the past');

/** A household member other than the head (the head's identity is the family's own fields). */
export const MemberInput = z
  .strictObject({
    name: z.string().trim().min(2, 'must have at least 2 characters').max(120),
    /** Young children may not have their NIK at hand; it is added later. */
    nik: Nik.optional(),
    birthDate: BirthDate,
    sex: Sex,
    relation: MemberRelation.exclude(['head']),
    schoolStatus: SchoolStatus.optional(),
    pregnant: z.boolean().default(false),
    disability: z.boolean().default(false),
  })
  .superRefine((member, ctx) => {
    if (member.nik) {
      const mismatch = nikPersonMismatch(member.nik, member.birthDate, member.sex);
      if (mismatch) ctx.addIssue({ code: 'custom', path: ['nik'], message: mismatch });
    }
    if (member.pregnant && member.sex !== 'F')
      ctx.addIssue({ code: 'custom', path: ['pregnant'], message: 'only a woman can be pregnant' });
  });
export type MemberInput = z.input<typeof MemberInput>;

/** The PKH benefit components a household qualifies for (kesehatan, pendidikan, kesejahteraan sosial). */
export const PKH_COMPONENTS = [
  'pregnancy',
  'early-childhood',
  'primary-school',
  'junior-school',
  'senior-school',
  'elderly',
  'disability',
] as const;
export const PkhComponent = z.enum(PKH_COMPONENTS);
export type PkhComponent = z.infer<typeof PkhComponent>;

/** Elderly component: 70 and over (PKH's rule since 2019). */
export const ELDERLY_AGE = 70;

export function ageOn(birthDate: string, today: Date = new Date()): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (
    today.getUTCMonth() + 1 < month ||
    (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)
  )
    age -= 1;
  return age;
}

/** Which components a person brings to the household. */
export function componentsOf(
  person: {
    birthDate: string;
    pregnant: boolean;
    disability: boolean;
    schoolStatus?: string | null;
  },
  today: Date = new Date(),
): PkhComponent[] {
  const components: PkhComponent[] = [];
  const age = ageOn(person.birthDate, today);
  if (person.pregnant) components.push('pregnancy');
  if (age < 6) components.push('early-childhood');
  if (person.schoolStatus === 'primary') components.push('primary-school');
  if (person.schoolStatus === 'junior-secondary') components.push('junior-school');
  if (person.schoolStatus === 'senior-secondary') components.push('senior-school');
  if (age >= ELDERLY_AGE) components.push('elderly');
  if (person.disability) components.push('disability');
  return components;
}

/** School age for PKH's education conditions (SD to SMA). */
export const isSchoolAge = (age: number): boolean => age >= 7 && age <= 18;

export const MemberView = z.object({
  id: z.uuid(),
  name: z.string(),
  nik: z.string().nullable(),
  birthDate: z.iso.date(),
  age: z.number().int(),
  sex: Sex,
  relation: MemberRelation,
  schoolStatus: SchoolStatus.nullable(),
  pregnant: z.boolean(),
  disability: z.boolean(),
  components: z.array(PkhComponent),
});
export type MemberView = z.infer<typeof MemberView>;
