import { Injectable } from '@nestjs/common';
import type { Actor, CapitalReferralView } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { Family, Instalment, Product } from '../generated/prisma/client.js';
import { toReferralView, type ReferralRow } from './referral.views.js';

export type { ReferralRow };

type Db = PrismaService | Tx;

const WITH = { product: true, consent: true } as const;

/** What every new referral starts from: a draft of this product for this family (wizard or broker). */
export const draftOf = (product: Product, family: Family) =>
  ({
    productId: product.id,
    kind: product.kind,
    partnerId: product.partnerId,
    kpmId: family.kpmId,
    assistantId: family.assistantId,
    villageCode: family.villageCode,
    status: 'draft',
  }) as const;

/** Loading referrals with what their views need. */
@Injectable()
export class ReferralRepository {
  /** One referral; locked until the transaction ends when it is about to change. */
  async load(db: Db, referralId: string, lock = false): Promise<ReferralRow> {
    if (lock)
      await (db as Tx).$executeRawUnsafe(
        `SELECT 1 FROM capital_referral WHERE id = $1::uuid FOR UPDATE`,
        referralId,
      );
    const row = await db.capitalReferral.findUnique({ where: { id: referralId }, include: WITH });
    if (!row) throw new DomainError(404, 'not-found', 'No such capital referral');
    return row;
  }

  async find(db: Db, where: object, take = 500): Promise<ReferralRow[]> {
    return db.capitalReferral.findMany({
      where,
      include: WITH,
      orderBy: { updatedAt: 'desc' },
      take,
    });
  }

  async views(db: Db, rows: ReferralRow[], actor: Actor): Promise<CapitalReferralView[]> {
    const loans = rows.filter((r) => r.totalDue !== null).map((r) => r.id);
    const [families, instalments] = await Promise.all([
      db.family.findMany({ where: { kpmId: { in: [...new Set(rows.map((r) => r.kpmId))] } } }),
      loans.length === 0
        ? Promise.resolve([] as Instalment[])
        : db.instalment.findMany({
            where: { referralId: { in: loans } },
            orderBy: [{ referralId: 'asc' }, { no: 'asc' }],
          }),
    ]);
    const familyOf = new Map(families.map((f) => [f.kpmId, f]));
    const instalmentsOf = new Map<string, Instalment[]>();
    for (const i of instalments) {
      const list = instalmentsOf.get(i.referralId) ?? [];
      list.push(i);
      instalmentsOf.set(i.referralId, list);
    }
    return rows.map((row) =>
      toReferralView(row, familyOf.get(row.kpmId) ?? null, actor, instalmentsOf.get(row.id)),
    );
  }

  async view(db: Db, row: ReferralRow, actor: Actor): Promise<CapitalReferralView> {
    const [view] = await this.views(db, [row], actor);
    return view!;
  }
}
