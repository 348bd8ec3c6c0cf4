import type {
  NominationStatus,
  NominationView,
  TrainingOfferView,
  TrainingPrerequisites,
} from '@jembatan/contracts';
import type { Nomination, TrainingAttendance, TrainingOffer } from '../generated/prisma/client.js';
import { isoDay } from '../common/dates.js';

export function toOfferView(
  offer: TrainingOffer,
  counts: { seatsTaken: number; waitlisted: number; awaitingAnswer: number },
): TrainingOfferView {
  return {
    id: offer.id,
    partnerId: offer.partnerId,
    partnerName: offer.partnerName,
    title: offer.title,
    description: offer.description,
    regionCode: offer.regionCode,
    place: offer.place,
    startsOn: isoDay(offer.startsOn),
    endsOn: isoDay(offer.endsOn),
    meetings: offer.meetings,
    capacity: offer.capacity,
    prerequisites: offer.prerequisites as TrainingPrerequisites,
    ...counts,
    acceptsNominations: offer.acceptsNominations,
  };
}

export function toNominationView(
  nomination: Nomination & { attendance: TrainingAttendance[] },
  waitlistPosition: number | null,
): NominationView {
  return {
    id: nomination.id,
    offerId: nomination.offerId,
    kpmId: nomination.kpmId,
    headName: nomination.headName,
    villageCode: nomination.villageCode,
    nominatedBy: nomination.nominatedBy,
    status: nomination.status as NominationStatus,
    waitlistPosition,
    reason: nomination.reason,
    attendedMeetings: nomination.attendance
      .filter((a) => a.present)
      .map((a) => a.meetingNo)
      .sort((a, b) => a - b),
    certificateNo: nomination.certificateNo,
    completedOn: nomination.completedOn ? isoDay(nomination.completedOn) : null,
  };
}
