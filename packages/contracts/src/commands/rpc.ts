import { z } from 'zod';
import { Actor } from '../common.js';
import { ErrorBody } from '../errors.js';

/** What the gateway puts on a service's rpc topic. */
export const RpcRequest = z.object({
  command: z.string().min(1),
  requestId: z.uuid(),
  /** Present on commands: a retried command with the same key is applied once. */
  idempotencyKey: z.string().min(8).max(200).optional(),
  actor: Actor,
  correlationId: z.string().min(1).max(200),
  payload: z.unknown(),
});
export type RpcRequest = z.infer<typeof RpcRequest>;

export const RpcReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorBody }),
]);
export type RpcReply = z.infer<typeof RpcReply>;
