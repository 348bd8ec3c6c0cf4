import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the codes
// authenticator apps show. Implemented here (a few lines over node:crypto) rather than with a
// dependency; checked against the RFC's own test vectors.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_SECONDS = 30;

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes, as authenticator apps expect, in base32. */
export const newTotpSecret = () => base32Encode(randomBytes(20));

/** The code for the step containing `atMs`, with `digits` digits (RFC 4226 truncation). */
export function totpCode(secret: Buffer, atMs: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / STEP_SECONDS)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The step `code` belongs to if it is right now or one step either side (clocks on phones
 * drift), else null. Callers refuse a step they have already accepted, so a code works once.
 */
export function totpStep(secretBase32: string, code: string, atMs = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const secret = base32Decode(secretBase32);
  const now = Math.floor(atMs / 1000 / STEP_SECONDS);
  for (const step of [now - 1, now, now + 1])
    if (
      timingSafeEqual(Buffer.from(totpCode(secret, step * STEP_SECONDS * 1000)), Buffer.from(code))
    )
      return step;
  return null;
}

export const verifyTotp = (secretBase32: string, code: string, atMs = Date.now()) =>
  totpStep(secretBase32, code, atMs) !== null;

/** The otpauth:// address an authenticator app reads (as a QR code or typed in). */
export const otpauthUri = (secretBase32: string, username: string) =>
  `otpauth://totp/${encodeURIComponent(`Jembatan:${username}`)}?secret=${secretBase32}&issuer=Jembatan&algorithm=SHA1&digits=6&period=${STEP_SECONDS}`;
