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
import {
  CloseOffer,
  CreateReferral,
  DecidePartner,
  DecideReferral,
  FamiliesForOffer,
  GetOffer,
  GetPartner,
  GetReferral,
  ListOffers,
  ListPartners,
  ListReferrals,
  OffersForFamily,
  PostOffer,
  ResourceMap,
  AddPartnerNote,
  ListPartnerNotes,
  GetPartnerImpact,
  ExportPartnerImpact,
  SaveProduct,
  ListProducts,
  ReportSale,
  UpdateOffer,
  UpdatePartnerProfile,
} from './partners.js';
import {
  ActOnCapitalReferral,
  CreateCapitalReferral,
  GetCapitalReferral,
  GetPar,
  GetSchedule,
  ListCapitalProducts,
  ListCapitalReferrals,
  RecordConsent,
  RecordPayment,
  UpdateCapitalReferral,
  WithdrawConsent,
} from './microcredit.js';
import { GetRegionCounts, GetRegionStats, SetGraduationTarget } from './supervision.js';
import {
  AttendanceRecord,
  AttendanceToday,
  CheckInCommand,
  CheckOutCommand,
  DecideCorrection,
  GetWorkCalendar,
  ListCorrections,
  RequestCorrection,
  SetHoliday,
  SetWorkCalendar,
} from './supervision-attendance.js';
import {
  AnnouncementReceipts,
  GetMeeting,
  ListAnnouncements,
  ListMeetings,
  PostAnnouncement,
  ReadAnnouncement,
  RecordMeeting,
  ScheduleMeeting,
} from './supervision-coordination.js';
import {
  AcknowledgeAlert,
  AddCoachingNote,
  CompleteCoachingNote,
  EvaluateAlerts,
  ListAlerts,
  ListCoachingNotes,
} from './supervision-alerts.js';
import { GetDailyReport, SubmitDailyReport } from './supervision-reports.js';
import {
  AssignTask,
  CompleteTask,
  ExportRegionMonthReport,
  ExportRhk,
  GetRegionMonthReport,
  GetRhk,
  ListRhk,
  ListTasks,
  ReviewRhk,
  SubmitRhk,
} from './supervision-rhk.js';
import {
  CancelSession,
  GetSession,
  HoldSession,
  ListP2k2Groups,
  ListSessions,
  PlanSession,
  SetAvailability,
} from './training-p2k2.js';
import {
  CompleteNomination,
  DecideNomination,
  GetCertificate,
  GetTrainingOffer,
  ListTrainingOffers,
  Nominate,
  PostTrainingOffer,
  RecordTrainingAttendance,
} from './training-offers.js';
import {
  CompleteMentoring,
  ListMentoring,
  ListTutors,
  LogMentoring,
  MatchTutors,
  SaveTutor,
  StartMentoring,
} from './training-tutors.js';
import {
  CourseProgressCommand,
  CreateCourse,
  ListCourses,
  UpskillingReport,
} from './training-courses.js';

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
  'training.p2k2.groups': ListP2k2Groups,
  'training.p2k2.availability.set': SetAvailability,
  'training.p2k2.session.plan': PlanSession,
  'training.p2k2.session.cancel': CancelSession,
  'training.p2k2.session.get': GetSession,
  'training.p2k2.session.list': ListSessions,
  'training.p2k2.session.hold': HoldSession,
  'training.offer.list': ListTrainingOffers,
  'training.offer.get': GetTrainingOffer,
  'training.nomination.create': Nominate,
  'training.nomination.decide': DecideNomination,
  'training.nomination.complete': CompleteNomination,
  'training.attendance.record': RecordTrainingAttendance,
  'training.certificate.get': GetCertificate,
  'training.tutor.save': SaveTutor,
  'training.tutor.list': ListTutors,
  'training.tutor.match': MatchTutors,
  'training.mentoring.start': StartMentoring,
  'training.mentoring.log': LogMentoring,
  'training.mentoring.complete': CompleteMentoring,
  'training.mentoring.list': ListMentoring,
  'training.course.create': CreateCourse,
  'training.course.list': ListCourses,
  'training.course.progress': CourseProgressCommand,
  'training.course.report': UpskillingReport,
  'partners.training-offer.post': PostTrainingOffer,
  'partners.partner.get': GetPartner,
  'partners.partner.list': ListPartners,
  'partners.partner.update': UpdatePartnerProfile,
  'partners.partner.decide': DecidePartner,
  'partners.offer.post': PostOffer,
  'partners.offer.update': UpdateOffer,
  'partners.offer.close': CloseOffer,
  'partners.offer.list': ListOffers,
  'partners.offer.get': GetOffer,
  'partners.broker.offers-for-family': OffersForFamily,
  'partners.broker.families-for-offer': FamiliesForOffer,
  'partners.referral.create': CreateReferral,
  'partners.referral.list': ListReferrals,
  'partners.referral.get': GetReferral,
  'partners.referral.decide': DecideReferral,
  'partners.resource-map.get': ResourceMap,
  'partners.partner-note.add': AddPartnerNote,
  'partners.partner-note.list': ListPartnerNotes,
  'partners.impact.get': GetPartnerImpact,
  'partners.impact.export': ExportPartnerImpact,
  'partners.product.save': SaveProduct,
  'partners.product.list': ListProducts,
  'partners.referral.sale': ReportSale,
  'microcredit.product.list': ListCapitalProducts,
  'microcredit.referral.create': CreateCapitalReferral,
  'microcredit.referral.update': UpdateCapitalReferral,
  'microcredit.referral.act': ActOnCapitalReferral,
  'microcredit.referral.list': ListCapitalReferrals,
  'microcredit.referral.get': GetCapitalReferral,
  'microcredit.consent.record': RecordConsent,
  'microcredit.consent.withdraw': WithdrawConsent,
  'microcredit.schedule.get': GetSchedule,
  'microcredit.payment.record': RecordPayment,
  'microcredit.par.get': GetPar,
  'supervision.region-counts.get': GetRegionCounts,
  'supervision.region-stats.get': GetRegionStats,
  'supervision.graduation-target.set': SetGraduationTarget,
  'supervision.attendance.check-in': CheckInCommand,
  'supervision.attendance.check-out': CheckOutCommand,
  'supervision.attendance.record': AttendanceRecord,
  'supervision.attendance.today': AttendanceToday,
  'supervision.calendar.get': GetWorkCalendar,
  'supervision.calendar.set': SetWorkCalendar,
  'supervision.holiday.set': SetHoliday,
  'supervision.correction.request': RequestCorrection,
  'supervision.correction.decide': DecideCorrection,
  'supervision.correction.list': ListCorrections,
  'supervision.meeting.schedule': ScheduleMeeting,
  'supervision.meeting.list': ListMeetings,
  'supervision.meeting.get': GetMeeting,
  'supervision.meeting.record': RecordMeeting,
  'supervision.announcement.post': PostAnnouncement,
  'supervision.announcement.list': ListAnnouncements,
  'supervision.announcement.read': ReadAnnouncement,
  'supervision.announcement.receipts': AnnouncementReceipts,
  'supervision.alert.list': ListAlerts,
  'supervision.alert.acknowledge': AcknowledgeAlert,
  'supervision.alert.evaluate': EvaluateAlerts,
  'supervision.coaching.add': AddCoachingNote,
  'supervision.coaching.list': ListCoachingNotes,
  'supervision.coaching.complete': CompleteCoachingNote,
  'supervision.daily-report.get': GetDailyReport,
  'supervision.daily-report.submit': SubmitDailyReport,
  'supervision.task.assign': AssignTask,
  'supervision.task.list': ListTasks,
  'supervision.task.complete': CompleteTask,
  'supervision.rhk.get': GetRhk,
  'supervision.rhk.submit': SubmitRhk,
  'supervision.rhk.review': ReviewRhk,
  'supervision.rhk.list': ListRhk,
  'supervision.rhk.export': ExportRhk,
  'supervision.region-report.get': GetRegionMonthReport,
  'supervision.region-report.export': ExportRegionMonthReport,
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
