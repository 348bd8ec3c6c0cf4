import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditQuery, type AuditPage, type Role } from '@jembatan/contracts';
import { z } from 'zod';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { CurrentUser, Roles } from '../auth/auth.guard.js';
import type { SessionUser } from '../auth/tokens.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';

const WIB = '+07:00';
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The audit trail for the Dinas (its region's accounts: staff and partners working there) and
 * for national admins (everyone). Newest first, a page at a time.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly accounts: AccountsRepository,
  ) {}

  @Get()
  @Roles('dinas', 'admin')
  async list(
    @Query({ schema: AuditQuery }) query: z.output<typeof AuditQuery>,
    @CurrentUser() user: SessionUser,
  ): Promise<AuditPage> {
    const region = user.role === 'admin' ? null : user.regionCode;
    const where: Prisma.AuditEventWhereInput = {
      ...(region
        ? { OR: [{ actorRegion: region }, { actorRegion: { startsWith: `${region}.` } }] }
        : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.recordId ? { recordId: query.recordId } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
      at: {
        ...(query.from ? { gte: new Date(`${query.from}T00:00:00${WIB}`) } : {}),
        ...(query.to ? { lt: new Date(`${nextDay(query.to)}T00:00:00${WIB}`) } : {}),
      },
    };
    const rows = await this.prisma.auditEvent.findMany({
      where,
      orderBy: { id: 'desc' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const names = await this.accounts.namesOf([...new Set(page.map((row) => row.actorId))]);
    return {
      items: page.map((row) => ({
        id: Number(row.id),
        at: row.at.toISOString(),
        actor: {
          id: row.actorId,
          name: names.get(row.actorId) ?? null,
          role: row.actorRole as Role,
          regionCode: row.actorRegion,
        },
        ip: row.ip,
        action: row.action as AuditPage['items'][number]['action'],
        method: row.method,
        route: row.route,
        recordKind: row.recordKind,
        recordId: row.recordId,
        status: row.status,
        correlationId: row.correlationId,
      })),
      next: rows.length > query.limit ? Number(page[page.length - 1]!.id) : null,
    };
  }
}
