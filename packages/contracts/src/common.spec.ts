import { QueryFlag, isWithinRegion, regionAncestry, regionLevelOf } from './common.js';

describe('region codes', () => {
  it('lists a village with every region above it', () => {
    expect(regionAncestry('31.75.01.1001')).toEqual(['31', '31.75', '31.75.01', '31.75.01.1001']);
  });

  it('knows the level from the code', () => {
    expect(regionLevelOf('32.73.16')).toBe('district');
    expect(() => regionLevelOf('32.7')).toThrow('not a region code');
  });

  it('scopes by prefix on whole parts only', () => {
    expect(isWithinRegion('31.75.01.1001', '31.75')).toBe(true);
    expect(isWithinRegion('31.750', '31.75')).toBe(false);
  });
});

describe('a yes/no query filter', () => {
  it('reads the text of a query string, "false" as false', () => {
    expect(QueryFlag.parse('true')).toBe(true);
    expect(QueryFlag.parse('false')).toBe(false);
    expect(QueryFlag.safeParse('yes').success).toBe(false);
  });

  it('passes again in the service after the gateway parsed it (the request is parsed twice)', () => {
    for (const text of ['true', 'false']) {
      const atGateway = QueryFlag.parse(text);
      expect(QueryFlag.parse(atGateway)).toBe(atGateway);
    }
  });
});
