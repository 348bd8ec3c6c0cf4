import type { z } from 'zod';
import type { BackendService } from '../services.js';
import {
  AssistantCaseloads,
  CreateGroup,
  GetKpm,
  ListGroups,
  ListKpm,
  RegisterKpm,
  SetGroupLeader,
  TransferKpm,
  UpdateKpm,
} from './caseload-families.js';
import {
  ListCases,
  OpenCase,
  RecordCompliance,
  RecordDisbursement,
  RecordLedger,
  UpdateCase,
} from './caseload-cases.js';
import { GetImport, ListImports } from './caseload-imports.js';
import {
  GetCriteria,
  GraduationBoard,
  MoveStage,
  RecordAssessment,
  RecordFollowUp,
  SetCriteria,
} from './caseload-graduation.js';
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
  'caseload.kpm.update': UpdateKpm,
  'caseload.kpm.transfer': TransferKpm,
  'caseload.group.create': CreateGroup,
  'caseload.group.set-leader': SetGroupLeader,
  'caseload.group.list': ListGroups,
  'caseload.assistant.caseloads': AssistantCaseloads,
  'caseload.assessment.record': RecordAssessment,
  'caseload.stage.move': MoveStage,
  'caseload.follow-up.record': RecordFollowUp,
  'caseload.criteria.get': GetCriteria,
  'caseload.criteria.set': SetCriteria,
  'caseload.graduation.board': GraduationBoard,
  'caseload.case.open': OpenCase,
  'caseload.case.update': UpdateCase,
  'caseload.case.list': ListCases,
  'caseload.benefit.record': RecordDisbursement,
  'caseload.compliance.record': RecordCompliance,
  'caseload.ledger.record': RecordLedger,
  'caseload.import.get': GetImport,
  'caseload.import.list': ListImports,
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
