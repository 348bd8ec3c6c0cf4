import { Injectable } from '@nestjs/common';
import type {
  BenefitMonitoredV1,
  CaseOpenedV1,
  ComplianceVerifiedV1,
  CaseResolvedV1,
  EventEnvelope,
  KpmAssessedV1,
  KpmImportedV1,
  KpmRegisteredV1,
  KpmStageChangedV1,
  KpmUpdatedV1,
  MentoringStartedV1,
  P2k2SessionHeldV1,
} from '@jembatan/contracts';
import { OnEvent } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { ActivityRepository, type ActivityDraft } from './activity.repository.js';

type Envelope = EventEnvelope<unknown>;

/** The assistant who did the work an event reports: named in it, or the one who acted. */
const actingAssistant = (event: Envelope): string | null =>
  event.actor?.role === 'assistant' ? event.actor.userId : null;

/**
 * Turns the other services' events into the assistants' work log: P2K2 sessions held,
 * assessments, registrations and data updates, cases, stage moves, tutors brokered, aid
 * distribution monitored and commitments verified.
 */
@Injectable()
export class ActivityHandlers {
  constructor(private readonly activity: ActivityRepository) {}

  private record(tx: Tx, event: Envelope, draft: Omit<ActivityDraft, 'sourceId'>) {
    return this.activity.record(tx, { ...draft, sourceId: event.id });
  }

  @OnEvent('p2k2.session-held', 1)
  async onSessionHeld(event: EventEnvelope<P2k2SessionHeldV1>, tx: Tx) {
    const s = event.payload;
    await this.record(tx, event, {
      assistantId: s.assistantId,
      kind: 'p2k2-session',
      refId: s.sessionId,
      at: new Date(s.heldAt),
      regionCode: s.villageCode,
      detail: {
        module: s.module,
        sessionNo: s.sessionNo,
        invited: s.invited,
        attended: s.attended,
      },
    });
  }

  @OnEvent('kpm.assessed', 1)
  async onAssessed(event: EventEnvelope<KpmAssessedV1>, tx: Tx) {
    const assistantId = actingAssistant(event);
    if (!assistantId) return;
    await this.record(tx, event, {
      assistantId,
      kind: 'assessment',
      refId: event.payload.assessmentId,
      at: new Date(event.occurredAt),
      regionCode: event.actor?.regionCode ?? '31',
      detail: { kpmId: event.payload.kpmId, instrument: event.payload.instrument },
    });
  }

  @OnEvent('kpm.registered', 1)
  async onRegistered(event: EventEnvelope<KpmRegisteredV1>, tx: Tx) {
    const r = event.payload;
    await this.record(tx, event, {
      assistantId: r.assistantId,
      kind: 'registration',
      refId: r.kpmId,
      at: new Date(r.registeredAt),
      regionCode: r.villageCode,
      detail: { families: 1 },
    });
  }

  @OnEvent('kpm.imported', 1)
  async onImported(event: EventEnvelope<KpmImportedV1>, tx: Tx) {
    const i = event.payload;
    await this.record(tx, event, {
      assistantId: i.assistantId,
      kind: 'registration',
      refId: i.importId,
      at: new Date(i.importedAt),
      regionCode: i.villages[0]?.villageCode ?? '31',
      detail: { families: i.villages.reduce((sum, v) => sum + v.families, 0), import: true },
    });
  }

  @OnEvent('kpm.updated', 1)
  async onUpdated(event: EventEnvelope<KpmUpdatedV1>, tx: Tx) {
    const assistantId = actingAssistant(event);
    if (!assistantId) return;
    await this.record(tx, event, {
      assistantId,
      kind: 'data-update',
      refId: event.payload.kpmId,
      at: new Date(event.occurredAt),
      regionCode: event.payload.villageCode,
      detail: { changed: event.payload.changed },
    });
  }

  @OnEvent('case.opened', 1)
  async onCaseOpened(event: EventEnvelope<CaseOpenedV1>, tx: Tx) {
    const c = event.payload;
    await this.record(tx, event, {
      assistantId: c.assistantId,
      kind: 'case-opened',
      refId: c.caseId,
      at: new Date(c.openedAt),
      regionCode: c.villageCode,
      detail: { kpmId: c.kpmId, caseKind: c.kind },
    });
  }

  @OnEvent('case.resolved', 1)
  async onCaseResolved(event: EventEnvelope<CaseResolvedV1>, tx: Tx) {
    const c = event.payload;
    await this.record(tx, event, {
      assistantId: c.assistantId,
      kind: 'case-resolved',
      refId: c.caseId,
      at: new Date(c.resolvedAt),
      regionCode: c.villageCode,
      detail: { kpmId: c.kpmId, caseKind: c.kind, status: c.status },
    });
  }

  @OnEvent('kpm.stage-changed', 1)
  async onStageChanged(event: EventEnvelope<KpmStageChangedV1>, tx: Tx) {
    const s = event.payload;
    await this.record(tx, event, {
      assistantId: s.assistantId,
      kind: 'stage-change',
      refId: s.kpmId,
      at: new Date(s.changedAt),
      regionCode: s.villageCode,
      detail: { from: s.from, to: s.to },
    });
  }

  @OnEvent('mentoring.started', 1)
  async onMentoringStarted(event: EventEnvelope<MentoringStartedV1>, tx: Tx) {
    const m = event.payload;
    await this.record(tx, event, {
      assistantId: m.assistantId,
      kind: 'mentoring-started',
      refId: m.planId,
      at: new Date(event.occurredAt),
      regionCode: event.actor?.regionCode ?? '31',
      detail: { kpmId: m.kpmId, tutorId: m.tutorId },
    });
  }

  @OnEvent('benefit.monitored', 1)
  async onBenefitMonitored(event: EventEnvelope<BenefitMonitoredV1>, tx: Tx) {
    const b = event.payload;
    await this.record(tx, event, {
      assistantId: b.assistantId,
      kind: 'aid-distribution',
      // One family's stage: recording it again corrects it, the RHK counts it once.
      refId: `${b.kpmId}:${b.year}-${b.stage}`,
      at: new Date(b.recordedAt),
      regionCode: b.villageCode,
      detail: { kpmId: b.kpmId, year: b.year, stage: b.stage, zeroBalance: b.zeroBalance },
    });
  }

  @OnEvent('compliance.verified', 1)
  async onComplianceVerified(event: EventEnvelope<ComplianceVerifiedV1>, tx: Tx) {
    const c = event.payload;
    await this.record(tx, event, {
      assistantId: c.assistantId,
      kind: 'compliance-verification',
      refId: `${c.kpmId}:${c.period}`,
      at: new Date(c.verifiedAt),
      regionCode: c.villageCode,
      detail: { kpmId: c.kpmId, period: c.period, compliant: c.compliant },
    });
  }
}
