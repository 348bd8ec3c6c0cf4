import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { DomainError } from '@jembatan/messaging';
import {
  INTERNAL_SECRET,
  assertCanRead,
  internalCallOf,
  readBodyLimited,
  replyInternalError,
} from '@jembatan/service-kit';
import type { Request, Response } from 'express';
import { PrismaService } from '../database/prisma.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** A photo may be added until a day after the session ended (phones upload when they can). */
const PHOTO_WINDOW_MS = 24 * 3_600_000;

/** The image type a file's first bytes announce, whatever its name or declared type says. */
export function imageTypeOf(bytes: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

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
    let correlationId: string | undefined;
    try {
      const call = internalCallOf(req, this.secret);
      correlationId = call.correlationId;
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
      const photo = await readBodyLimited(req, MAX_PHOTO_BYTES, 'A photo');
      const type = imageTypeOf(photo);
      if (!type)
        throw new DomainError(
          415,
          'unsupported-media-type',
          'The photo must be a JPEG, PNG or WebP image',
        );
      await this.prisma.p2k2Session.update({
        where: { id: session.id },
        data: { photo: new Uint8Array(photo), photoType: type },
      });
      res.status(200).json({ sessionId: session.id, type, bytes: photo.length });
    } catch (error) {
      req.resume();
      replyInternalError(res, error, correlationId);
    }
  }

  @Get(':id/photo')
  async download(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const call = internalCallOf(req, this.secret);
      const session = await this.session(id);
      assertCanRead(call.actor, session);
      const row = await this.prisma.p2k2Session.findUnique({
        where: { id: session.id },
        select: { photo: true, photoType: true },
      });
      if (!row?.photo || !row.photoType)
        throw new DomainError(404, 'not-found', 'The session has no photo');
      res
        .status(200)
        .type(row.photoType)
        .setHeader('cache-control', 'private, max-age=3600')
        .send(Buffer.from(row.photo));
    } catch (error) {
      replyInternalError(res, error);
    }
  }
}
