import {
  P2K2_SESSION_KEYS,
  P2k2SessionRef,
  localClock,
  nextP2k2Session,
  utcOffsetHoursOf,
  villageLocalToInstant,
  villageTime,
  withinAvailability,
} from './p2k2.js';

describe('the P2K2 curriculum', () => {
  it('has 15 sessions in 5 modules, in programme order', () => {
    expect(P2K2_SESSION_KEYS).toHaveLength(15);
    expect(P2K2_SESSION_KEYS.slice(0, 4)).toEqual([
      'economy-1',
      'economy-2',
      'economy-3',
      'health-1',
    ]);
    expect(P2K2_SESSION_KEYS.at(-1)).toBe('child-protection-2');
  });

  it('suggests the first session a group has not had', () => {
    expect(nextP2k2Session([])).toEqual({ module: 'economy', sessionNo: 1 });
    expect(nextP2k2Session(['economy-1', 'economy-3'])).toEqual({
      module: 'economy',
      sessionNo: 2,
    });
    expect(nextP2k2Session(P2K2_SESSION_KEYS)).toBeNull();
  });

  it('refuses sessions a module does not have', () => {
    expect(P2k2SessionRef.safeParse({ module: 'economy', sessionNo: 4 }).success).toBe(false);
    expect(P2k2SessionRef.safeParse({ module: 'health', sessionNo: 4 }).success).toBe(true);
  });
});

describe('local time in Indonesia', () => {
  it('knows the three time zones by province', () => {
    expect(utcOffsetHoursOf('31.75.01.1001')).toBe(7); // Jakarta
    expect(utcOffsetHoursOf('51.71.01.1001')).toBe(8); // Denpasar
    expect(utcOffsetHoursOf('73.71.01.1001')).toBe(8); // Makassar
    expect(utcOffsetHoursOf('94.71.01.1001')).toBe(9); // Jayapura
    expect(utcOffsetHoursOf('61.71.01.1001')).toBe(7); // Pontianak
    expect(utcOffsetHoursOf('64.72.01.1001')).toBe(8); // Samarinda
  });

  it('reads an instant as the village clock does', () => {
    // 2026-11-28 is a Saturday; 12:00Z is 19:00 WIB and 21:00 WIT.
    expect(localClock(new Date('2026-11-28T12:00:00Z'), '31.75.01.1001')).toEqual({
      weekday: 6,
      time: '19:00',
    });
    expect(localClock(new Date('2026-11-28T12:00:00Z'), '94.71.01.1001')).toEqual({
      weekday: 6,
      time: '21:00',
    });
    expect(villageTime('2026-11-28T12:00:00Z', '73.71.01.1001')).toBe('2026-11-28 20:00 WITA');
    expect(villageLocalToInstant('2026-11-28T19:00', '31.75.01.1001')).toBe(
      '2026-11-28T19:00:00+07:00',
    );
  });

  it('fits a session inside a stated slot, in local time', () => {
    const slots = [{ weekday: 6, from: '19:00', to: '21:00' }];
    const at = (iso: string) => new Date(iso);
    expect(
      withinAvailability(
        slots,
        at('2026-11-28T12:00:00Z'),
        at('2026-11-28T13:30:00Z'),
        '31.75.01.1001',
      ),
    ).toBe(true);
    // Runs past 21:00 WIB.
    expect(
      withinAvailability(
        slots,
        at('2026-11-28T13:00:00Z'),
        at('2026-11-28T14:30:00Z'),
        '31.75.01.1001',
      ),
    ).toBe(false);
    // Friday evening.
    expect(
      withinAvailability(
        slots,
        at('2026-11-27T12:00:00Z'),
        at('2026-11-27T13:00:00Z'),
        '31.75.01.1001',
      ),
    ).toBe(false);
    // 19:00 in Makassar is 18:00 WIB: the same slot read in WITA.
    expect(
      withinAvailability(
        slots,
        at('2026-11-28T11:00:00Z'),
        at('2026-11-28T12:00:00Z'),
        '73.71.01.1001',
      ),
    ).toBe(true);
  });
});
