import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { DomainError } from '@jembatan/messaging';
import {
  INTERNAL_SECRET,
  assertCanRead,
  readImageUpload,
  sendImage,
  serveInternalCall,
} from '@jembatan/service-kit';
import type { Request, Response } from 'express';
import { PrismaService } from '../database/prisma.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** A photo may be added until a day after the session ended (phones upload when they can). */
const PHOTO_WINDOW_MS = 24 * 3_600_000;

/**
 * The optional check-in photo of a P2K2 session: a file, so it streams over HTTP from the
 * gateway (which signs who is calling) instead of riding Kafka.
 */
@Controller('internal/p2k2/sessions')
export class SessionPhotoController {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(INTERNAL_SECRET) private readonly secret: string,
  ) {}

  private async session(id: string) {
    const session = UUID.test(id)
      ? await this.prisma.p2k2Session.findUnique({
          where: { id },
          select: {
            id: true,
            assistantId: true,
            villageCode: true,
            status: true,
            endsAt: true,
            photoType: true,
          },
        })
      : null;
    if (!session) throw new DomainError(404, 'not-found', 'No such session');
    return session;
  }

  @Post(':id/photo')
  async upload(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await serveInternalCall(req, res, this.secret, async (call) => {
      const session = await this.session(id);
      if (call.actor.role !== 'assistant' || call.actor.userId !== session.assistantId)
        throw new DomainError(
          403,
          'forbidden',
          "Only the group's assistant adds the check-in photo",
        );
      if (session.status === 'cancelled' || Date.now() > session.endsAt.getTime() + PHOTO_WINDOW_MS)
        throw new DomainError(
          409,
          'photo-window-closed',
          'Photos are added up to a day after the session',
        );
      const { bytes: photo, type } = await readImageUpload(req, MAX_PHOTO_BYTES);
      await this.prisma.p2k2Session.update({
        where: { id: session.id },
        data: { photo: new Uint8Array(photo), photoType: type },
      });
      res.status(200).json({ sessionId: session.id, type, bytes: photo.length });
    });
  }

  @Get(':id/photo')
  async download(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await serveInternalCall(req, res, this.secret, async (call) => {
      const session = await this.session(id);
      assertCanRead(call.actor, session);
      const row = await this.prisma.p2k2Session.findUnique({
        where: { id: session.id },
        select: { photo: true, photoType: true },
      });
      if (!row?.photo || !row.photoType)
        throw new DomainError(404, 'not-found', 'The session has no photo');
      sendImage(res, row.photoType, row.photo);
    });
  }
}
