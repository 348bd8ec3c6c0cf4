import { signInternalCall, verifyInternalCall } from './internal-call.js';

const secret = 'a'.repeat(32);
const call = {
  actor: { userId: 'u1', role: 'assistant' as const, regionCode: '31.75.01' },
  correlationId: 'c1',
  params: { assistantId: 'u1' },
};

describe('internal calls', () => {
  it('round-trips a signed call', () => {
    expect(verifyInternalCall(signInternalCall(call, secret), secret)).toMatchObject(call);
  });

  it('refuses a tampered, foreign or expired header', () => {
    const header = signInternalCall(call, secret);
    const [body, signature] = header.split('.');
    const forged = Buffer.from(
      Buffer.from(body!, 'base64url').toString().replace('assistant', 'admin'),
    ).toString('base64url');
    expect(verifyInternalCall(`${forged}.${signature}`, secret)).toBeNull();
    expect(verifyInternalCall(header, 'b'.repeat(32))).toBeNull();
    expect(verifyInternalCall(signInternalCall(call, secret, -1), secret)).toBeNull();
    expect(verifyInternalCall(undefined, secret)).toBeNull();
  });
});
