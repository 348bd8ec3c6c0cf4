import { Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse, CapitalProductView } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { assertCanManage } from '@jembatan/service-kit';
import type { PrismaService } from '../database/prisma.service.js';
import type { Product } from '../generated/prisma/client.js';
import { isoDay, todayIso } from '../common/dates.js';
import { productRules } from '../referrals/eligibility.js';

function toProductView(
  product: Product,
  eligibility: CapitalProductView['eligibility'],
): CapitalProductView {
  return {
    id: product.id,
    kind: product.kind as 'loan' | 'grant',
    partnerId: product.partnerId,
    partnerName: product.partnerName,
    title: product.title,
    description: product.description,
    amountMin: Number(product.amountMin),
    amountMax: Number(product.amountMax),
    interestRatePct: Number(product.interestRatePct),
    interestMethod: product.interestMethod as CapitalProductView['interestMethod'],
    tenorMonthsMin: product.tenorMonthsMin,
    tenorMonthsMax: product.tenorMonthsMax,
    repaymentFrequency: product.repaymentFrequency as CapitalProductView['repaymentFrequency'],
    documents: product.documents,
    purpose: product.purpose,
    validUntil: isoDay(product.validUntil),
    live: product.live,
    eligibility,
  };
}

/**
 * The wizard's first step: live loan and grant products, and for a family each product's
 * rules met or not (eligible ones first). A lender sees its own products, live or not.
 */
@Injectable()
export class ProductsHandlers {
  @HandleCommand('microcredit.product.list')
  async list(
    input: CommandPayload<'microcredit.product.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'microcredit.product.list'>> {
    const products = await tx.product.findMany({
      where: {
        ...(actor.role === 'partner' ? { partnerId: actor.userId } : { live: true }),
        ...(input.kind ? { kind: input.kind } : {}),
      },
      orderBy: { title: 'asc' },
      take: 500,
    });
    if (!input.kpmId) return { items: products.map((p) => toProductView(p, null)) };
    const family = await tx.family.findUnique({ where: { kpmId: input.kpmId } });
    if (!family) throw new DomainError(404, 'not-found', 'No such family');
    assertCanManage(actor, family);
    const today = todayIso();
    const items = products.map((product) => {
      const reasons = productRules(product, family, today);
      return toProductView(product, { eligible: reasons.every((r) => r.met), reasons });
    });
    items.sort((a, b) => Number(b.eligibility!.eligible) - Number(a.eligibility!.eligible));
    return { items };
  }
}
