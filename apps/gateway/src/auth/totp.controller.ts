import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@jembatan/messaging';
import { z } from 'zod';
import { BodySchema } from '../common/openapi.js';
import { AccountsRepository } from './accounts.repository.js';
import { TotpCode } from './auth.controller.js';
import { CurrentUser, Roles } from './auth.guard.js';
import type { SessionUser } from './tokens.js';
import { newTotpSecret, otpauthUri, totpStep } from './totp.js';

const CodeBody = z.strictObject({ code: TotpCode });

/**
 * The optional second factor for the accounts that see a whole region's families (Dinas and
 * admin): set up with an authenticator app, confirmed with its first code, turned off with one.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/auth/totp')
export class TotpController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Get()
  @Roles('dinas', 'admin')
  async status(@CurrentUser() user: SessionUser): Promise<{ enabled: boolean }> {
    const account = await this.accounts.findById(user.userId);
    return { enabled: Boolean(account?.totpSecret) };
  }

  /** A new secret to put in the app; nothing changes until a code from it is confirmed. */
  @Post('setup')
  @HttpCode(200)
  @Roles('dinas', 'admin')
  async setup(@CurrentUser() user: SessionUser) {
    const account = await this.accounts.findById(user.userId);
    if (!account) throw new DomainError(404, 'not-found', 'No such account');
    if (account.totpSecret)
      throw new DomainError(409, 'totp-enabled', 'Turn the second factor off before a new setup');
    const secret = newTotpSecret();
    await this.accounts.setTotp(account.id, { totpPendingSecret: secret });
    return { secret, otpauthUri: otpauthUri(secret, account.username) };
  }

  @Post('confirm')
  @HttpCode(200)
  @Roles('dinas', 'admin')
  @BodySchema(CodeBody)
  async confirm(
    @CurrentUser() user: SessionUser,
    @Body({ schema: CodeBody }) body: z.infer<typeof CodeBody>,
  ): Promise<{ enabled: boolean }> {
    const account = await this.accounts.findById(user.userId);
    const pending = account?.totpPendingSecret;
    if (!account || !pending) throw new DomainError(409, 'no-totp-setup', 'Start the setup first');
    const step = totpStep(pending, body.code);
    if (step === null) throw wrongCode();
    await this.accounts.setTotp(account.id, {
      totpSecret: pending,
      totpPendingSecret: null,
      totpLastStep: step,
    });
    return { enabled: true };
  }

  @Post('disable')
  @HttpCode(200)
  @Roles('dinas', 'admin')
  @BodySchema(CodeBody)
  async disable(
    @CurrentUser() user: SessionUser,
    @Body({ schema: CodeBody }) body: z.infer<typeof CodeBody>,
  ): Promise<{ enabled: boolean }> {
    const account = await this.accounts.findById(user.userId);
    if (!account?.totpSecret) return { enabled: false };
    const step = totpStep(account.totpSecret, body.code);
    if (step === null || !(await this.accounts.acceptTotpStep(account.id, step))) throw wrongCode();
    await this.accounts.setTotp(account.id, {
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
    });
    return { enabled: false };
  }
}

const wrongCode = () =>
  DomainError.invalid([{ path: 'code', message: 'is not the code the app shows now' }]);
