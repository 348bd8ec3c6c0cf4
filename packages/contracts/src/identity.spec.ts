import {
  adultBirthDateFromNik,
  maskNik,
  maskPhone,
  nikPersonMismatch,
  nikProblem,
} from './identity.js';

describe('nikProblem', () => {
  it('accepts a man born 1 Jan 1990 registered in Matraman', () => {
    expect(nikProblem('3175010101900001')).toBeNull();
  });

  it('accepts a woman (day + 40) born 29 Feb 2000', () => {
    expect(nikProblem('3175016902000003')).toBeNull();
  });

  it.each([
    ['317501010190000', 'must be exactly 16 digits'],
    ['31750101019000012', 'must be exactly 16 digits'],
    ['31750101019A0001', 'must be exactly 16 digits'],
    ['0975010101900001', 'province code'],
    ['3175013201900001', 'birth date'],
    ['3175010113900001', 'birth date'],
    ['3175017201900001', 'birth date'],
    ['3175010101900000', 'serial'],
  ])('rejects %s', (nik, message) => {
    expect(nikProblem(nik)).toContain(message);
  });
});

describe('masking', () => {
  it('keeps the district and the last two digits of a NIK', () => {
    expect(maskNik('3175010101900001')).toBe('317501********01');
  });

  it('keeps the prefix and the last four digits of a phone number', () => {
    expect(maskPhone('081234567890')).toBe('0812****7890');
  });
});

describe('NIK against the person it is given for', () => {
  it("accepts a woman's NIK whose day has 40 added", () => {
    expect(nikPersonMismatch('3175015505900001', '1990-05-15', 'F')).toBeNull();
  });

  it('names the mismatching part', () => {
    expect(nikPersonMismatch('3175015505900001', '1990-05-16', 'F')).toMatch(/birth date/);
    expect(nikPersonMismatch('3175015505900001', '1990-05-15', 'M')).toMatch(/plain birth day/);
  });

  it("derives an adult head's birth year from the two-digit year", () => {
    const today = new Date('2026-11-23T00:00:00Z');
    expect(adultBirthDateFromNik('3175015505900001', today)).toBe('1990-05-15');
    expect(adultBirthDateFromNik('3175011505050001', today)).toBe('2005-05-15');
    expect(adultBirthDateFromNik('3175011505150001', today)).toBe('1915-05-15');
  });
});
