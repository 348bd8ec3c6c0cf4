import type { PrismaService } from '../database/prisma.service.js';
import { AuditTrail, storable, type AuditLine } from './audit-trail.js';

const line = (recordId: string): AuditLine => ({
  actorId: '00000000-0000-4000-8000-000000000004',
  actorRole: 'assistant',
  actorRegion: '31.75.01',
  ip: '127.0.0.1',
  action: 'read',
  method: 'GET',
  route: '/api/kpm/:id',
  recordKind: 'family',
  recordId,
  status: 404,
  correlationId: 'c1',
});

/** A database that, like PostgreSQL, refuses text with a NUL byte; and can be "away". */
function fakeDb() {
  const written: AuditLine[] = [];
  let away = false;
  const prisma = {
    auditEvent: {
      createMany: async ({ data }: { data: AuditLine[] }) => {
        if (away) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        if (data.some((l) => JSON.stringify(l).includes('\\u0000')))
          throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
        written.push(...data);
        return { count: data.length };
      },
    },
  } as unknown as PrismaService;
  return { prisma, written, setAway: (value: boolean) => (away = value) };
}

describe('AuditTrail', () => {
  it('stores what callers sent without the bytes PostgreSQL refuses, within bounds', () => {
    const stored = storable({ ...line(`a\u0000b${'x'.repeat(500)}`), route: '/api/\u0000' });
    expect(stored.recordId).toMatch(/^a\uFFFDbx+$/);
    expect(stored.recordId).toHaveLength(200);
    expect(stored.route).toBe('/api/\uFFFD');
  });

  it('never lets one refused line hold up the others', async () => {
    const db = fakeDb();
    const trail = new AuditTrail(db.prisma);
    trail.record(line('first'));
    // Bypass record()'s cleaning, as a line the database refuses for any reason would be.
    (trail as unknown as { pending: AuditLine[] }).pending.push(line('bad\u0000'));
    trail.record(line('last'));
    await trail.flush();
    expect(db.written.map((l) => l.recordId)).toEqual(['first', 'last']);
    await trail.onModuleDestroy();
  });

  it('keeps lines while the database is away and writes them when it is back', async () => {
    const db = fakeDb();
    const trail = new AuditTrail(db.prisma);
    db.setAway(true);
    trail.record(line('waiting'));
    await trail.flush();
    expect(db.written).toEqual([]);
    db.setAway(false);
    await trail.flush();
    expect(db.written.map((l) => l.recordId)).toEqual(['waiting']);
    await trail.onModuleDestroy();
  });
});
