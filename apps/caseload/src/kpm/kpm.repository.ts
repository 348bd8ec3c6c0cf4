import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import type { Kpm } from '../generated/prisma/client.js';

export interface NewKpm {
  id: string;
  headName: string;
  nik: string;
  phone: string | null;
  villageCode: string;
  address: string;
  pkhEntryYear: number;
  assistantId: string;
}

export interface KpmListFilter {
  assistantId?: string;
  regionPrefix?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface AuditEntry {
  action: string;
  reason: string;
  actorId: string;
  actorRole: string;
  correlationId: string;
}

/** The only code that touches the kpm tables. */
@Injectable()
export class KpmRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByNik(tx: Tx, nik: string): Promise<Kpm | null> {
    return tx.kpm.findUnique({ where: { nik } });
  }

  findById(id: string): Promise<Kpm | null> {
    return this.prisma.kpm.findUnique({ where: { id } });
  }

  /** Creates the family and its first audit entry in the caller's transaction. */
  async create(tx: Tx, kpm: NewKpm, audit: AuditEntry): Promise<Kpm> {
    const created = await tx.kpm.create({ data: kpm });
    await tx.kpmAudit.create({ data: { kpmId: created.id, ...audit } });
    return created;
  }

  async list(filter: KpmListFilter): Promise<{ items: Kpm[]; total: number }> {
    const where = {
      ...(filter.assistantId ? { assistantId: filter.assistantId } : {}),
      ...(filter.regionPrefix ? { villageCode: { startsWith: `${filter.regionPrefix}.` } } : {}),
      ...(filter.q ? { headName: { contains: filter.q, mode: 'insensitive' as const } } : {}),
    };
    const [items, total] = await Promise.all([
      this.prisma.kpm.findMany({
        where,
        orderBy: [{ headName: 'asc' }, { id: 'asc' }],
        skip: (filter.page - 1) * filter.pageSize,
        take: filter.pageSize,
      }),
      this.prisma.kpm.count({ where }),
    ]);
    return { items, total };
  }
}
