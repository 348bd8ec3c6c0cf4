import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  isWithinRegion,
  type Actor,
  type CommandPayload,
  type CommandResponse,
  type PartnerNoteView,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { PartnerNote } from '../generated/prisma/client.js';
import { canSeePartner } from './partner.access.js';

const toView = (note: PartnerNote): PartnerNoteView => ({
  id: note.id,
  partnerId: note.partnerId,
  authorId: note.authorId,
  authorName: note.authorName,
  regionCode: note.regionCode,
  text: note.text,
  createdAt: note.createdAt.toISOString(),
});

/**
 * Networking among assistants: what one learned working with a partner (who to call, how long
 * a loan took, what the buyer really wants) reaches the other assistants of the kecamatan,
 * and the coordinators and Dinas above them. Partners do not read what is said about them.
 */
@Injectable()
export class PartnerNotesHandlers {
  private async partnerFor(db: PrismaService | Tx, partnerId: string, actor: Actor) {
    if (actor.role === 'partner')
      throw new DomainError(403, 'forbidden', "Notes are the assistants' own");
    const partner = await db.partner.findUnique({ where: { id: partnerId } });
    if (!partner || !canSeePartner(actor, partner))
      throw new DomainError(404, 'not-found', 'No such partner in your region');
    return partner;
  }

  @HandleCommand('partners.partner-note.add')
  async add(
    input: CommandPayload<'partners.partner-note.add'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.partner-note.add'>> {
    const partner = await this.partnerFor(tx, input.partnerId, actor);
    if (actor.regionCode === null)
      throw new DomainError(403, 'forbidden', 'Notes are shared within a region; yours has none');
    const note = await tx.partnerNote.create({
      data: {
        id: randomUUID(),
        partnerId: partner.id,
        authorId: actor.userId,
        authorName: input.authorName,
        regionCode: actor.regionCode,
        text: input.text,
      },
    });
    return toView(note);
  }

  @HandleCommand('partners.partner-note.list')
  async list(
    input: CommandPayload<'partners.partner-note.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.partner-note.list'>> {
    const partner = await this.partnerFor(tx, input.partnerId, actor);
    const notes = await tx.partnerNote.findMany({
      where: { partnerId: partner.id },
      orderBy: { createdAt: 'desc' },
      take: 500,
    });
    const shared = notes.filter(
      (note) => actor.regionCode === null || isWithinRegion(note.regionCode, actor.regionCode),
    );
    return { items: shared.map(toView) };
  }
}
