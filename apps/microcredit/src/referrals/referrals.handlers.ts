import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CAPITAL_CONSENT_SCOPE,
  PRE_DISBURSEMENT_STATUSES,
  type CapitalStatus,
  type CommandPayload,
  type CommandResponse,
  type FieldError,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { assertCanManage } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { Product } from '../generated/prisma/client.js';
import { assertCanAct, assertCanReadReferral, consentActive, referralScope } from './access.js';
import { deadlineOf, CapitalLifecycle } from './lifecycle.js';
import { ReferralRepository, draftOf } from './referral.repository.js';

/** The amount and tenor a product lends, as field errors for what falls outside. */
export function termsProblems(
  product: Product,
  amount: number,
  tenorMonths: number | null | undefined,
  amountPath = 'amount',
): FieldError[] {
  const problems: FieldError[] = [];
  if (amount < Number(product.amountMin) || amount > Number(product.amountMax))
    problems.push({
      path: amountPath,
      message: `must be between ${product.amountMin} and ${product.amountMax} rupiah`,
    });
  if (product.kind === 'loan') {
    if (tenorMonths === undefined || tenorMonths === null)
      problems.push({ path: 'tenorMonths', message: 'a loan needs a tenor in months' });
    else if (tenorMonths < product.tenorMonthsMin! || tenorMonths > product.tenorMonthsMax!)
      problems.push({
        path: 'tenorMonths',
        message: `must be between ${product.tenorMonthsMin} and ${product.tenorMonthsMax} months`,
      });
  } else if (tenorMonths !== undefined && tenorMonths !== null)
    problems.push({ path: 'tenorMonths', message: 'a grant is not repaid: no tenor' });
  return problems;
}

/**
 * The assistant's side of a capital referral: drafted with the family's consent (the wizard),
 * edited while a draft, read and listed by whoever may see it; consent recorded again or
 * withdrawn. Steps along the lifecycle are in actions.handlers.ts.
 */
@Injectable()
export class ReferralsHandlers {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly lifecycle: CapitalLifecycle,
  ) {}

  @HandleCommand('microcredit.referral.create')
  async create(
    input: CommandPayload<'microcredit.referral.create'>,
    { actor, tx, correlationId }: CommandContext<Tx>,
  ): Promise<CommandResponse<'microcredit.referral.create'>> {
    const family = await tx.family.findUnique({ where: { kpmId: input.kpmId } });
    if (!family) throw new DomainError(404, 'not-found', 'No such family');
    assertCanManage(actor, family);
    const product = await tx.product.findUnique({ where: { id: input.productId } });
    if (!product) throw new DomainError(404, 'not-found', 'No such loan or grant product');
    if (!product.live)
      throw new DomainError(409, 'product-closed', 'This product takes no new referrals');
    const problems = termsProblems(product, input.amount, input.tenorMonths);
    if (problems.length > 0) throw DomainError.invalid(problems);
    const open = await tx.capitalReferral.findFirst({
      where: {
        kpmId: family.kpmId,
        productId: product.id,
        status: { notIn: ['rejected', 'completed', 'written-off', 'withdrawn'] },
      },
      select: { id: true },
    });
    if (open)
      throw new DomainError(
        409,
        'already-referred',
        `The family already has a referral to this product under way (${open.id})`,
      );
    const now = new Date();
    const referral = await tx.capitalReferral.create({
      data: {
        id: randomUUID(),
        ...draftOf(product, family),
        amount: BigInt(input.amount),
        tenorMonths: input.tenorMonths ?? null,
        purpose: input.purpose,
        businessPlan: input.businessPlan,
        dueAt: deadlineOf('draft', now, null),
        source: 'wizard',
        consent: {
          create: {
            givenBy: input.consent.givenBy,
            relationship: input.consent.relationship,
            givenAt: now,
            scope: CAPITAL_CONSENT_SCOPE,
            partnerId: product.partnerId,
            recordedBy: actor.userId,
          },
        },
      },
    });
    await this.lifecycle.created(tx, referral, actor, correlationId);
    return this.referrals.view(tx, await this.referrals.load(tx, referral.id), actor);
  }

  @HandleCommand('microcredit.referral.update')
  async update(
    input: CommandPayload<'microcredit.referral.update'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'microcredit.referral.update'>> {
    const referral = await this.referrals.load(tx, input.referralId, true);
    assertCanAct(actor, referral, 'assistant');
    if (referral.status !== 'draft')
      throw new DomainError(409, 'not-a-draft', 'Only a draft is edited; this one was submitted');
    const amount = input.body.amount ?? Number(referral.amount);
    const tenorMonths = input.body.tenorMonths ?? referral.tenorMonths;
    const problems = termsProblems(referral.product, amount, tenorMonths);
    if (problems.length > 0) throw DomainError.invalid(problems);
    await tx.capitalReferral.update({
      where: { id: referral.id },
      data: {
        amount: BigInt(amount),
        tenorMonths,
        ...(input.body.purpose !== undefined ? { purpose: input.body.purpose } : {}),
        ...(input.body.businessPlan !== undefined ? { businessPlan: input.body.businessPlan } : {}),
      },
    });
    return this.referrals.view(tx, await this.referrals.load(tx, referral.id), actor);
  }

  @HandleCommand('microcredit.referral.get')
  async get(
    input: CommandPayload<'microcredit.referral.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'microcredit.referral.get'>> {
    const referral = await this.referrals.load(tx, input.referralId);
    assertCanReadReferral(actor, referral);
    const history = await tx.capitalReferralChange.findMany({
      where: { referralId: referral.id },
      orderBy: { id: 'asc' },
    });
    const lender = actor.role === 'partner';
    return {
      ...(await this.referrals.view(tx, referral, actor)),
      history: history.map((h) => ({
        from: h.fromStatus as CapitalStatus | null,
        to: h.toStatus as CapitalStatus,
        // A lender sees its own steps' reasons, not why the family withdrew.
        reason: lender && h.actorRole !== 'partner' ? null : h.reason,
        actorId: lender && h.actorRole !== 'partner' ? h.actorRole : h.actorId,
        actorRole: h.actorRole,
        at: h.at.toISOString(),
      })),
    };
  }

  /** The lender's inbox, the assistant's tracker, the region's for coordinators and the Dinas. */
  @HandleCommand('microcredit.referral.list')
  async list(
    input: CommandPayload<'microcredit.referral.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'microcredit.referral.list'>> {
    const now = new Date();
    const lateness =
      input.overdue === undefined
        ? {}
        : input.overdue
          ? { dueAt: { lt: now } }
          : { OR: [{ dueAt: null }, { dueAt: { gte: now } }] };
    const rows = await this.referrals.find(tx, {
      AND: [
        referralScope(actor),
        input.status ? { status: input.status } : {},
        input.kpmId ? { kpmId: input.kpmId } : {},
        lateness,
      ],
    });
    return { items: await this.referrals.views(tx, rows, actor) };
  }

  /** Consent given again on a draft (after a withdrawal, or to correct who gave it). */
  @HandleCommand('microcredit.consent.record')
  async recordConsent(
    input: CommandPayload<'microcredit.consent.record'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'microcredit.consent.record'>> {
    const referral = await this.referrals.load(tx, input.referralId, true);
    assertCanAct(actor, referral, 'assistant');
    if (referral.status !== 'draft')
      throw new DomainError(
        409,
        'not-a-draft',
        'Consent is given before submission; a withdrawn referral is referred anew',
      );
    const consent = {
      givenBy: input.givenBy,
      relationship: input.relationship,
      givenAt: new Date(),
      scope: CAPITAL_CONSENT_SCOPE,
      partnerId: referral.partnerId,
      recordedBy: actor.userId,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawReason: null,
    };
    await tx.consent.upsert({
      where: { referralId: referral.id },
      create: { referralId: referral.id, ...consent },
      update: consent,
    });
    return this.referrals.view(tx, await this.referrals.load(tx, referral.id), actor);
  }

  /**
   * The family takes its consent back: nothing more is shared with the lender. A referral
   * the lender is still assessing ends (withdrawn); a loan already out stays collectable, the
   * lender seeing its figures only.
   */
  @HandleCommand('microcredit.consent.withdraw')
  async withdrawConsent(
    input: CommandPayload<'microcredit.consent.withdraw'>,
    { actor, tx, correlationId }: CommandContext<Tx>,
  ): Promise<CommandResponse<'microcredit.consent.withdraw'>> {
    const referral = await this.referrals.load(tx, input.referralId, true);
    assertCanAct(actor, referral, 'assistant');
    if (!consentActive(referral))
      throw new DomainError(409, 'no-consent', 'There is no consent in force to withdraw');
    await tx.consent.update({
      where: { referralId: referral.id },
      data: { withdrawnAt: new Date(), withdrawnBy: actor.userId, withdrawReason: input.reason },
    });
    const status = referral.status as CapitalStatus;
    if (PRE_DISBURSEMENT_STATUSES.includes(status))
      await this.lifecycle.move(tx, referral, {
        to: 'withdrawn',
        actor,
        correlationId,
        reason: `consent withdrawn: ${input.reason}`,
      });
    return this.referrals.view(tx, await this.referrals.load(tx, referral.id), actor);
  }
}
