import { DomainError } from '@jembatan/messaging';
import type { PrismaService } from '../database/prisma.service.js';

export const usernameTaken = () =>
  new DomainError(409, 'username-taken', 'That username is taken', [
    { path: 'username', message: 'is taken; choose another' },
  ]);

/** Refuses a taken username before any other work is done for a new account. */
export async function assertUsernameFree(prisma: PrismaService, username: string): Promise<void> {
  if (await prisma.userAccount.findUnique({ where: { username } })) throw usernameTaken();
}

/** Two sign-ups of one name at once: the unique index lets one through, the other hears 409. */
export function rethrowUsernameRace(error: unknown): never {
  if ((error as { code?: string }).code === 'P2002') throw usernameTaken();
  throw error;
}
