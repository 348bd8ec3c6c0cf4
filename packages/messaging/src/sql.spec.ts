import { isTransientError } from './sql.js';

// Shapes recorded from Prisma 6.19 with @prisma/adapter-pg and pg while a PostgreSQL server was
// killed and recovered under load (the fault test).
const adapterCause = {
  originalCode: '57P01',
  originalMessage: 'terminating connection due to unexpected postmaster exit',
  kind: 'postgres',
  code: '57P01',
  severity: 'FATAL',
  message: 'terminating connection due to unexpected postmaster exit',
};
const named = (name: string, message: string, extra: object = {}) =>
  Object.assign(Object.defineProperty(new Error(message), 'name', { value: name }), extra);

describe('isTransientError', () => {
  it.each([
    [
      'a driver adapter error with the SQLSTATE in a plain-object cause',
      named('DriverAdapterError', 'x', { cause: adapterCause }),
    ],
    [
      'a raw query error with the SQLSTATE in meta.driverAdapterError',
      named('PrismaClientKnownRequestError', 'Raw query failed. Code: `57P01`.', {
        code: 'P2010',
        meta: { driverAdapterError: { name: 'DriverAdapterError', cause: adapterCause } },
      }),
    ],
    [
      'a pg client left broken by the crash',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'a server still replaying its WAL',
      named('DriverAdapterError', 'the database system is not yet accepting connections'),
    ],
    ['a server starting up', named('DriverAdapterError', 'the database system is starting up')],
    [
      'an unreachable server',
      named('PrismaClientKnownRequestError', "Can't reach database server at 127.0.0.1:5099", {
        code: 'P1001',
      }),
    ],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    [
      'a pool that could not hand out a connection in time',
      new Error('timeout exceeded when trying to connect'),
    ],
    [
      'a serialization failure',
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
    ],
    [
      'an error kafkajs marks retriable',
      Object.assign(new Error('broker away'), { retriable: true }),
    ],
  ])('retries %s', (_, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a bug in a handler', new TypeError("Cannot read properties of undefined (reading 'id')")],
    [
      'a raw query error from bad SQL',
      named('PrismaClientKnownRequestError', 'Raw query failed. Code: `42601`.', {
        code: 'P2010',
        meta: { driverAdapterError: { cause: { code: '42601', message: 'syntax error' } } },
      }),
    ],
    ['something that is not an error', 'connection terminated'],
    ['null', null],
  ])('does not retry %s', (_, error) => {
    expect(isTransientError(error)).toBe(false);
  });

  it('stops following causes that loop', () => {
    const a: { cause?: unknown; message: string } = { message: 'a' };
    a.cause = { message: 'b', cause: a };
    expect(isTransientError(a)).toBe(false);
  });
});
