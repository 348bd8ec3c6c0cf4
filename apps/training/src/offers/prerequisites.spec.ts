import { monthsBetween } from '../common/dates.js';
import { unmetPrerequisites } from './prerequisites.js';

const on = (date: string) => new Date(`${date}T00:00:00Z`);
const today = on('2026-11-23');

describe('monthsBetween', () => {
  it('counts whole months, not started ones', () => {
    expect(monthsBetween(on('2026-05-23'), today)).toBe(6);
    expect(monthsBetween(on('2026-05-24'), today)).toBe(5);
    expect(monthsBetween(on('2025-11-30'), today)).toBe(11);
  });
});

describe('unmetPrerequisites', () => {
  const food = { businessKind: 'food', businessStartedOn: on('2026-01-10') };

  it('passes a family whose business is old enough and of a listed kind', () => {
    expect(
      unmetPrerequisites({ minBusinessMonths: 6, businessKinds: ['food'] }, food, today),
    ).toEqual([]);
  });

  it('names each prerequisite the family misses, with the numbers', () => {
    const young = { businessKind: 'crafts', businessStartedOn: on('2026-09-01') };
    expect(
      unmetPrerequisites({ minBusinessMonths: 6, businessKinds: ['food'] }, young, today),
    ).toEqual([
      {
        path: 'prerequisites.minBusinessMonths',
        message: 'the business has run 2 months, the training needs 6',
      },
      {
        path: 'prerequisites.businessKinds',
        message: 'the business is crafts, the training is for food',
      },
    ]);
  });

  it('asks for a business assessment when the training needs a business and none is recorded', () => {
    const none = { businessKind: null, businessStartedOn: null };
    expect(unmetPrerequisites({ minBusinessMonths: 6 }, none, today)[0]?.message).toMatch(
      /no business recorded/,
    );
    expect(unmetPrerequisites({}, none, today)).toEqual([]);
  });
});
