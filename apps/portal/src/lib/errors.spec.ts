import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { describeError } from './errors';

const t = ((key: string) => `<${key}>`) as unknown as TFunction;
const refusal = (statusCode: number, fields?: { path: string; message: string }[]) =>
  new ApiError({
    statusCode,
    error: 'x',
    message: 'Gateway says why',
    ...(fields ? { fields } : {}),
  });

describe('a failed call, described', () => {
  it('says what to do next, then why, then each field', () => {
    expect(
      describeError(
        refusal(400, [{ path: 'headName', message: 'must have at least 2 characters' }]),
        t,
      ),
    ).toBe('<errors.invalid> · Gateway says why · headName: must have at least 2 characters');
  });

  it('tells a conflict to reload, and any server failure to try again later', () => {
    expect(describeError(refusal(409), t)).toBe('<errors.conflict> · Gateway says why');
    expect(describeError(refusal(502), t)).toBe('<errors.unavailable> · Gateway says why');
  });

  it('falls back to the generic line for anything that is not the gateway answering', () => {
    expect(describeError(new TypeError('Failed to fetch'), t)).toBe('<errors.generic>');
  });
});
