import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  COURSE_TOPICS,
  regionsOverlap,
  type Actor,
  type CommandPayload,
  type CommandResponse,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { Db } from '../directory/directory.repository.js';
import type { Course } from '../generated/prisma/client.js';
import { dateOf, todayIso } from '../common/dates.js';

type Topic = (typeof COURSE_TOPICS)[number];

/** A course reaches every assistant inside its region (all of them when it has none). */
const reaches = (actor: Actor, course: Pick<Course, 'regionCode'>) =>
  actor.role === 'admin' ||
  course.regionCode === null ||
  (actor.regionCode !== null && regionsOverlap(actor.regionCode, course.regionCode));

/**
 * Upskilling the assistants themselves: courses posted by coordinators, the Dinas or admins,
 * enrolment and completion, and a per-assistant report of who still needs which topic.
 */
@Injectable()
export class CoursesHandlers {
  /** Views of courses with their takers and `assistantId`'s own enrolment: two queries in all. */
  private async views(db: Db, courses: Course[], assistantId: string) {
    const ids = courses.map((c) => c.id);
    const [counts, mine] = await Promise.all([
      db.courseEnrolment.groupBy({
        by: ['courseId', 'status'],
        where: { courseId: { in: ids } },
        _count: true,
      }),
      db.courseEnrolment.findMany({ where: { courseId: { in: ids }, assistantId } }),
    ]);
    const count = (courseId: string, status: string) =>
      counts.find((c) => c.courseId === courseId && c.status === status)?._count ?? 0;
    return courses.map((course) => ({
      id: course.id,
      title: course.title,
      topic: course.topic as Topic,
      hours: course.hours,
      provider: course.provider,
      regionCode: course.regionCode,
      enrolled: count(course.id, 'enrolled') + count(course.id, 'completed'),
      completed: count(course.id, 'completed'),
      mine:
        (mine.find((m) => m.courseId === course.id)?.status as
          'enrolled' | 'completed' | undefined) ?? null,
    }));
  }

  private async view(db: Db, course: Course, assistantId: string) {
    const [view] = await this.views(db, [course], assistantId);
    return view!;
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
    return this.view(tx, course, actor.userId);
  }

  @HandleCommand('training.course.list')
  async list(
    _: CommandPayload<'training.course.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.course.list'>> {
    if (actor.role === 'partner') throw new DomainError(403, 'forbidden', 'Courses are for staff');
    const courses = await tx.course.findMany({ orderBy: { createdAt: 'desc' }, take: 1000 });
    const visible = courses.filter((c) => reaches(actor, c)).slice(0, 200);
    return { items: await this.views(tx, visible, actor.userId) };
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
      const completedOn = todayIso();
      const data = {
        status: 'completed',
        completedOn: dateOf(completedOn),
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
    return this.view(tx, course, assistantId);
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
