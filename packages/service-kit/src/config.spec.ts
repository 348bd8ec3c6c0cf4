import { ConfigError, loadServiceConfig } from './index.js';

describe('service configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadServiceConfig('caseload', {});
    expect(config.port).toBe(3101);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.database).toEqual({
      url: 'postgresql://postgres@127.0.0.1:5432/jembatan',
      schema: 'caseload',
    });
  });

  it('stops the boot naming every malformed variable', () => {
    const attempt = () =>
      loadServiceConfig('supervision', {
        KAFKA_BROKERS: 'no-port',
        DATABASE_URL: 'mysql://x/y',
        SUPERVISION_PORT: 'abc',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/KAFKA_BROKERS[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*KAFKA_BROKERS/);
  });
});
