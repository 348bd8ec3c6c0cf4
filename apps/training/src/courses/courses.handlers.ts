import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  COURSE_TOPICS,
  isWithinRegion,
  type Actor,
  type CommandPayload,
  type CommandResponse,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { Db } from '../directory/directory.repository.js';
import type { Course } from '../generated/prisma/client.js';

type Topic = (typeof COURSE_TOPICS)[number];

/** A course reaches every assistant inside its region (all of them when it has none). */
const reaches = (actor: Actor, course: Pick<Course, 'regionCode'>) =>
  actor.role === 'admin' ||
  course.regionCode === null ||
  (actor.regionCode !== null &&
    (isWithinRegion(actor.regionCode, course.regionCode) ||
      isWithinRegion(course.regionCode, actor.regionCode)));

/**
 * Upskilling the assistants themselves: courses posted by coordinators, the Dinas or admins,
 * enrolment and completion, and a per-assistant report of who still needs which topic.
 */
@Injectable()
export class CoursesHandlers {
  private async view(db: Db, course: Course, actor: Actor) {
    const [counts, mine] = await Promise.all([
      db.courseEnrolment.groupBy({ by: ['status'], where: { courseId: course.id }, _count: true }),
      db.courseEnrolment.findUnique({
        where: { courseId_assistantId: { courseId: course.id, assistantId: actor.userId } },
      }),
    ]);
    const count = (status: string) => counts.find((c) => c.status === status)?._count ?? 0;
    return {
      id: course.id,
      title: course.title,
      topic: course.topic as Topic,
      hours: course.hours,
      provider: course.provider,
      regionCode: course.regionCode,
      enrolled: count('enrolled') + count('completed'),
      completed: count('completed'),
      mine: (mine?.status as 'enrolled' | 'completed' | undefined) ?? null,
    };
  }

  @HandleCommand('training.course.create')
  async create(
    input: CommandPayload<'training.course.create'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.course.create'>> {
    if (!['coordinator', 'dinas', 'admin'].includes(actor.role))
      throw new DomainError(403, 'forbidden', 'Coordinators, the Dinas and admins post courses');
    const course = await tx.course.create({
      data: { id: randomUUID(), ...input, regionCode: actor.regionCode, createdBy: actor.userId },
    });
    return this.view(tx, course, actor);
  }

  @HandleCommand('training.course.list')
  async list(
    _: CommandPayload<'training.course.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.course.list'>> {
    if (actor.role === 'partner') throw new DomainError(403, 'forbidden', 'Courses are for staff');
    const courses = await tx.course.findMany({ orderBy: { createdAt: 'desc' }, take: 1000 });
    const visible = courses.filter((c) => reaches(actor, c)).slice(0, 200);
    return { items: await Promise.all(visible.map((c) => this.view(tx, c, actor))) };
  }

  @HandleCommand('training.course.progress')
  async progress(
    input: CommandPayload<'training.course.progress'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.course.progress'>> {
    const { actor, tx } = context;
    const assistantId = input.assistantId ?? actor.userId;
    // Assistants report their own learning; admins may correct anyone's record.
    if (!(actor.role === 'assistant' && assistantId === actor.userId) && actor.role !== 'admin')
      throw new DomainError(403, 'forbidden', 'Assistants record their own courses');
    const course = await tx.course.findUnique({ where: { id: input.courseId } });
    if (!course || !reaches(actor, course))
      throw new DomainError(404, 'not-found', 'No such course');
    const key = { courseId_assistantId: { courseId: course.id, assistantId } };
    const existing = await tx.courseEnrolment.findUnique({ where: key });
    if (input.action === 'enrol') {
      if (existing) throw new DomainError(409, 'already-enrolled', `Already ${existing.status}`);
      await tx.courseEnrolment.create({
        data: { courseId: course.id, assistantId, status: 'enrolled' },
      });
    } else {
      if (existing?.status === 'completed')
        throw new DomainError(409, 'already-completed', 'The course is already completed');
      const completedOn = new Date().toISOString().slice(0, 10);
      const data = {
        status: 'completed',
        completedOn: new Date(`${completedOn}T00:00:00Z`),
        confirmedBy: actor.userId,
      };
      await tx.courseEnrolment.upsert({
        where: key,
        create: { courseId: course.id, assistantId, ...data },
        update: data,
      });
      await context.emit({
        type: 'assistant-course.completed',
        version: 1,
        aggregateId: assistantId,
        payload: { courseId: course.id, assistantId, topic: course.topic, completedOn },
      });
    }
    return this.view(tx, course, { ...actor, userId: assistantId });
  }

  @HandleCommand('training.course.report')
  async report(
    input: CommandPayload<'training.course.report'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.course.report'>> {
    if (!['coordinator', 'dinas', 'admin'].includes(actor.role))
      throw new DomainError(403, 'forbidden', 'Supervisors see the upskilling report');
    const enrolments = await tx.courseEnrolment.findMany({
      where: { assistantId: { in: input.assistantIds } },
      include: { course: { select: { topic: true } } },
    });
    return {
      items: input.assistantIds.map((assistantId) => {
        const own = enrolments.filter((e) => e.assistantId === assistantId);
        const completed = new Set(
          own.filter((e) => e.status === 'completed').map((e) => e.course.topic as Topic),
        );
        const inProgress = new Set(
          own
            .filter((e) => e.status === 'enrolled' && !completed.has(e.course.topic as Topic))
            .map((e) => e.course.topic as Topic),
        );
        return {
          assistantId,
          completed: [...completed],
          inProgress: [...inProgress],
          missing: COURSE_TOPICS.filter((t) => !completed.has(t) && !inProgress.has(t)),
        };
      }),
    };
  }
}
