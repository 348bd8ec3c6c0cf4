import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';

export type Query<T> =
  | { state: 'loading'; retry: () => void }
  | { state: 'failed'; retry: () => void }
  | { state: 'ready'; data: T; retry: () => void };

/**
 * One read for a screen section, with the three states a section shows: loading, failed (so
 * it can say what to do, rather than look empty) and ready. Null `path`: nothing to ask yet.
 */
export function useQuery<T>(path: string | null): Query<T> {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<
    { state: 'loading' | 'failed' } | { state: 'ready'; data: T }
  >({ state: 'loading' });
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setResult({ state: 'loading' });
    api<T>(path).then(
      (data) => current && setResult({ state: 'ready', data }),
      () => current && setResult({ state: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [path, attempt]);
  return { ...result, retry } as Query<T>;
}
