import { maskNik, maskPhone, nikProblem } from './identity.js';

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
