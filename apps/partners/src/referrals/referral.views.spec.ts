import { answerDueAt } from './referral.views.js';

// Thursday 10:00 UTC: five working days later is the next Thursday, across a weekend.
const thursday = new Date('2026-11-26T10:00:00Z');

describe("a partner's answer deadline", () => {
  it('falls five working days after the referral, skipping the weekend', () => {
    const due = answerDueAt({ status: 'referred', deliveredBy: 'partners', createdAt: thursday });
    expect(due?.toISOString()).toBe('2026-12-03T10:00:00.000Z');
  });

  it('applies to trainings the provider has not answered', () => {
    expect(
      answerDueAt({ status: 'referred', deliveredBy: 'training', createdAt: thursday }),
    ).not.toBeNull();
  });

  it('ends once the partner answered', () => {
    for (const status of ['accepted', 'declined', 'withdrawn', 'completed'])
      expect(answerDueAt({ status, deliveredBy: 'partners', createdAt: thursday })).toBeNull();
  });

  it("leaves capital to microcredit's own step deadlines", () => {
    expect(
      answerDueAt({ status: 'referred', deliveredBy: 'microcredit', createdAt: thursday }),
    ).toBeNull();
  });
});
