import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's memory-hard parameters.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export const verifyPassword = (stored: string, password: string): Promise<boolean> =>
  verify(stored, password).catch(() => false);

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so response times do not reveal which usernames exist. */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('no account has this password');
  await verifyPassword(await dummyHash, password);
  return false;
}
