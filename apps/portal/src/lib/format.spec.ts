import { clock, count, day, formatFor, localToday, rupiah } from './format';

afterEach(() => formatFor('id'));

describe('Indonesian formats by default', () => {
  it('writes days, counts and rupiah the Indonesian way', () => {
    expect(day('2026-12-05')).toBe('5 Des 2026');
    expect(day('2026-08-17T03:00:00Z')).toBe('17 Agu 2026');
    expect(count(1234567)).toBe('1.234.567');
    expect(rupiah(2500003)).toBe('Rp 2.500.003');
    expect(clock('2026-12-05T07:42:00')).toBe('07.42');
  });

  it('switches days and counts to English, keeping rupiah Indonesian', () => {
    formatFor('en');
    expect(day('2026-12-05')).toBe('5 Dec 2026');
    expect(count(1234567)).toBe('1,234,567');
    expect(rupiah(2500003)).toBe('Rp 2.500.003');
    expect(clock('2026-12-05T07:42:00')).toBe('07:42');
  });

  it("takes today from the device's own clock, not UTC", () => {
    // 23:30 local on the 5th is still the 5th wherever the device is.
    expect(localToday(new Date(2026, 11, 5, 23, 30))).toBe('2026-12-05');
  });
});
