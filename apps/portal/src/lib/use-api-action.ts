import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';

/**
 * The one way screens call a command: run it, then show what happened (the success text, or
 * the gateway's message with each offending field) and let the screen reload what changed.
 */
export function useApiAction(onDone?: () => void) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const run = useCallback(
    async <T>(call: () => Promise<T>, success = ''): Promise<T | undefined> => {
      try {
        const result = await call();
        setMessage(success);
        onDone?.();
        return result;
      } catch (failure) {
        setMessage(describeError(failure, t));
        return undefined;
      }
    },
    [onDone, t],
  );
  return { message, setMessage, run };
}

/** A JSON POST (or other method) to the gateway, for `run`. */
export const send = (
  method: string,
  body?: unknown,
  idempotent = false,
): RequestInit & { idempotencyKey?: string } => ({
  method,
  ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  ...(idempotent ? { idempotencyKey: crypto.randomUUID() } : {}),
});
