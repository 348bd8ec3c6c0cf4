import type { z } from 'zod';
import type { BackendService } from '../services.js';
import { GetKpm, ListKpm, RegisterKpm } from './caseload.js';
import { GetRegionCounts } from './supervision.js';

export interface CommandDefinition<
  Req extends z.ZodType = z.ZodType,
  Res extends z.ZodType = z.ZodType,
> {
  service: BackendService;
  /** Commands change state and honour idempotency keys; queries only read. */
  kind: 'command' | 'query';
  request: Req;
  response: Res;
}

/** Every request the gateway may send a service over Kafka, by name. */
export const COMMAND_CATALOG = {
  'caseload.kpm.register': RegisterKpm,
  'caseload.kpm.get': GetKpm,
  'caseload.kpm.list': ListKpm,
  'supervision.region-counts.get': GetRegionCounts,
} as const satisfies Record<string, CommandDefinition>;

export type CommandName = keyof typeof COMMAND_CATALOG;
/** What a caller sends (defaults not yet applied). */
export type CommandRequest<N extends CommandName> = z.input<(typeof COMMAND_CATALOG)[N]['request']>;
/** What a handler receives: the request after validation, defaults and coercion. */
export type CommandPayload<N extends CommandName> = z.output<
  (typeof COMMAND_CATALOG)[N]['request']
>;
export type CommandResponse<N extends CommandName> = z.output<
  (typeof COMMAND_CATALOG)[N]['response']
>;

export function commandDefinition(name: string): CommandDefinition | undefined {
  return (COMMAND_CATALOG as Record<string, CommandDefinition>)[name];
}
