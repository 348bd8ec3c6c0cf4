import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Actor } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import {
  INTERNAL_SECRET,
  assertCanManage,
  canRead,
  readImageUpload,
  serveInternalCall,
  sendImage,
} from '@jembatan/service-kit';
import type { Request, Response } from 'express';
import { PrismaService } from '../database/prisma.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_PRODUCT_PHOTO_BYTES = 2 * 1024 * 1024;

/**
 * A product's photo: a file, so it streams over HTTP from the gateway (which signs who is
 * calling). The family's assistant adds it; those who may read the family see it, and so does
 * a partner the product was offered to through a referral the family consented to.
 */
@Controller('internal/products')
export class ProductPhotoController {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(INTERNAL_SECRET) private readonly secret: string,
  ) {}

  private async productWithFamily(id: string) {
    const product = UUID.test(id) ? await this.prisma.product.findUnique({ where: { id } }) : null;
    const family = product
      ? await this.prisma.familyProfile.findUnique({ where: { kpmId: product.kpmId } })
      : null;
    if (!product || !family) throw new DomainError(404, 'not-found', 'No such product');
    return { product, family };
  }

  /** A partner sees the products offered to it in a referral that was not withdrawn. */
  private async offeredTo(actor: Actor, productId: string): Promise<boolean> {
    if (actor.role !== 'partner') return false;
    const referral = await this.prisma.referral.findFirst({
      where: {
        partnerId: actor.userId,
        productIds: { has: productId },
        status: { not: 'withdrawn' },
      },
      select: { id: true },
    });
    return referral !== null;
  }

  @Post(':id/photo')
  async upload(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await serveInternalCall(req, res, this.secret, async (call) => {
      const { product, family } = await this.productWithFamily(id);
      assertCanManage(call.actor, family);
      const { bytes: photo, type } = await readImageUpload(req, MAX_PRODUCT_PHOTO_BYTES);
      await this.prisma.$transaction([
        this.prisma.productPhoto.upsert({
          where: { productId: product.id },
          create: {
            productId: product.id,
            bytes: new Uint8Array(photo),
            uploadedBy: call.actor.userId,
          },
          update: {
            bytes: new Uint8Array(photo),
            uploadedBy: call.actor.userId,
            uploadedAt: new Date(),
          },
        }),
        this.prisma.product.update({ where: { id: product.id }, data: { photoType: type } }),
      ]);
      res.status(200).json({ productId: product.id, type, bytes: photo.length });
    });
  }

  @Get(':id/photo')
  async download(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await serveInternalCall(req, res, this.secret, async (call) => {
      const { product, family } = await this.productWithFamily(id);
      if (!canRead(call.actor, family) && !(await this.offeredTo(call.actor, product.id)))
        throw new DomainError(404, 'not-found', 'No such product');
      const photo = await this.prisma.productPhoto.findUnique({
        where: { productId: product.id },
      });
      if (!photo || !product.photoType)
        throw new DomainError(404, 'not-found', 'The product has no photo');
      sendImage(res, product.photoType, photo.bytes);
    });
  }
}
