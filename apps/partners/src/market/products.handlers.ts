import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse, ProductView } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { assertCanManage, assertCanRead } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { Product } from '../generated/prisma/client.js';

export const toProductView = (product: Product): ProductView => ({
  id: product.id,
  kpmId: product.kpmId,
  name: product.name,
  description: product.description,
  price: product.price,
  unit: product.unit,
  labels: product.labels as ProductView['labels'],
  hasPhoto: product.photoType !== null,
});

/**
 * A family business's product catalogue: what it sells, at what price, with which
 * certificates (halal, PIRT ...). Kept by the family's assistant; offered to bazaars and buyers
 * through referrals.
 */
@Injectable()
export class ProductsHandlers {
  private async family(db: PrismaService | Tx, kpmId: string) {
    const family = await db.familyProfile.findUnique({ where: { kpmId } });
    if (!family) throw new DomainError(404, 'not-found', 'No such family');
    return family;
  }

  @HandleCommand('partners.product.save')
  async save(
    input: CommandPayload<'partners.product.save'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.product.save'>> {
    assertCanManage(actor, await this.family(tx, input.kpmId));
    if (input.productId) {
      const existing = await tx.product.findUnique({ where: { id: input.productId } });
      if (!existing || existing.kpmId !== input.kpmId)
        throw new DomainError(404, 'not-found', "No such product of this family's");
      return toProductView(
        await tx.product.update({ where: { id: existing.id }, data: input.product }),
      );
    }
    const product = await tx.product.create({
      data: { id: randomUUID(), kpmId: input.kpmId, ...input.product, createdBy: actor.userId },
    });
    return toProductView(product);
  }

  @HandleCommand('partners.product.list')
  async list(
    input: CommandPayload<'partners.product.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.product.list'>> {
    assertCanRead(actor, await this.family(tx, input.kpmId));
    const products = await tx.product.findMany({
      where: { kpmId: input.kpmId },
      orderBy: { name: 'asc' },
    });
    return { items: products.map(toProductView) };
  }
}
