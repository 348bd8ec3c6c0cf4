import { base32Decode, base32Encode, newTotpSecret, totpCode, verifyTotp } from './totp.js';

// RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" and its 8-digit codes.
const RFC_SECRET = Buffer.from('12345678901234567890');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1_111_111_109, '07081804'],
  [1_111_111_111, '14050471'],
  [1_234_567_890, '89005924'],
  [2_000_000_000, '69279037'],
  [20_000_000_000, '65353130'],
];

describe('TOTP', () => {
  it('gives the RFC 6238 test vectors', () => {
    for (const [seconds, code] of VECTORS)
      expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it('round-trips base32 and makes 20-byte secrets', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode(newTotpSecret())).toHaveLength(20);
  });

  it('accepts the current code and one step of drift, nothing else', () => {
    const secret = base32Encode(RFC_SECRET);
    const now = 1_234_567_890_000;
    const code = (ms: number) => totpCode(RFC_SECRET, ms);
    expect(verifyTotp(secret, code(now), now)).toBe(true);
    expect(verifyTotp(secret, code(now - 30_000), now)).toBe(true);
    expect(verifyTotp(secret, code(now + 30_000), now)).toBe(true);
    expect(verifyTotp(secret, code(now - 90_000), now)).toBe(false);
    expect(verifyTotp(secret, '12345', now)).toBe(false);
    expect(verifyTotp(secret, 'abcdef', now)).toBe(false);
  });
});
