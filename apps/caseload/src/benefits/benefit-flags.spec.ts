import { benefitFlags } from './benefit-flags.js';

const paid = (year: number, stage: number, amount = 750_000, cardHolder = 'family') => ({
  year,
  stage,
  amount,
  cardHolder,
});
const today = new Date('2026-11-23T00:00:00Z'); // Q4: stages up to 2026-3 are due

describe('benefitFlags', () => {
  it('raises nothing when every due stage was credited to the family', () => {
    expect(benefitFlags([paid(2026, 1), paid(2026, 2), paid(2026, 3)], today)).toEqual({
      zeroBalance: false,
      cardMisheld: false,
      missedStage: false,
      missing: [],
    });
  });

  it('flags saldo nol and a card held by the assistant from the newest stage', () => {
    const flags = benefitFlags([paid(2026, 2), paid(2026, 3, 0, 'assistant')], today);
    expect(flags).toMatchObject({ zeroBalance: true, cardMisheld: true });
  });

  it('lists stages with no record since the first one, across years', () => {
    const flags = benefitFlags([paid(2025, 4), paid(2026, 2)], today);
    expect(flags.missing).toEqual(['2026-1', '2026-3']);
    expect(flags.missedStage).toBe(true);
  });
});
