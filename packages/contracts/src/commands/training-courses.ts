import { z } from 'zod';
import { RegionCode } from '../common.js';
import type { CommandDefinition } from './catalog.js';

/** What assistants are retrained on; the seeds ask for entrepreneurship and the broker role. */
export const COURSE_TOPICS = [
  'entrepreneurship',
  'broker-role',
  'case-management',
  'digital-literacy',
  'social-work-basics',
] as const;
export const CourseTopic = z.enum(COURSE_TOPICS);

export const CourseBody = z.strictObject({
  title: z.string().trim().min(3).max(200),
  topic: CourseTopic,
  hours: z.number().int().min(1).max(500),
  provider: z.string().trim().min(2).max(200),
});

export const CourseView = CourseBody.extend({
  id: z.uuid(),
  regionCode: z.string().nullable(),
  enrolled: z.number().int(),
  completed: z.number().int(),
  /** The calling assistant's own enrolment, if any. */
  mine: z.enum(['enrolled', 'completed']).nullable(),
});

export const CreateCourse = {
  service: 'training',
  kind: 'command',
  request: CourseBody,
  response: CourseView,
} satisfies CommandDefinition;

export const ListCourses = {
  service: 'training',
  kind: 'query',
  request: z.strictObject({}),
  response: z.object({ items: z.array(CourseView) }),
} satisfies CommandDefinition;

/** An assistant enrols themself or reports completion; a coordinator may confirm completion. */
export const CourseProgressCommand = {
  service: 'training',
  kind: 'command',
  request: z.strictObject({
    courseId: z.uuid(),
    action: z.enum(['enrol', 'complete']),
    assistantId: z.string().min(1).optional(),
  }),
  response: CourseView,
} satisfies CommandDefinition;

/** Per assistant: topics completed and in progress, so supervisors see who needs what. */
export const UpskillingReport = {
  service: 'training',
  kind: 'query',
  request: z.strictObject({
    assistantIds: z.array(z.string().min(1)).max(2000),
    regionCode: RegionCode.nullable(),
  }),
  response: z.object({
    items: z.array(
      z.object({
        assistantId: z.string(),
        completed: z.array(CourseTopic),
        inProgress: z.array(CourseTopic),
        missing: z.array(CourseTopic),
      }),
    ),
  }),
} satisfies CommandDefinition;
