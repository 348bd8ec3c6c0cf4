import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { Outbox, deviceStore, type QueuedCommand } from './outbox';

let signedIn: string | null = null;

/** Whose outbox the device shows and sends: the signed-in account's (null after sign-out). */
export function setOutboxOwner(userId: string | null): void {
  signedIn = userId;
  if (userId) void outbox.flush();
}

/** The device's one outbox: commands go to the gateway as JSON POSTs with their own key. */
export const outbox = new Outbox(
  deviceStore,
  (command) =>
    api(command.path, {
      method: 'POST',
      body: JSON.stringify(command.body),
      idempotencyKey: command.key,
    }),
  () => navigator.onLine,
  () => signedIn,
);

const RETRY_EVERY_MS = 30_000;

/** Sends what waits as soon as the connection returns, and every half minute while any waits. */
export function startSync(): () => void {
  const flush = () => void outbox.flush();
  window.addEventListener('online', flush);
  const timer = setInterval(() => {
    if (navigator.onLine && outbox.items().some((item) => !item.refusal)) flush();
  }, RETRY_EVERY_MS);
  flush();
  return () => {
    window.removeEventListener('online', flush);
    clearInterval(timer);
  };
}

/** What waits on the device, kept current. */
export function useOutbox(): QueuedCommand[] {
  const [items, setItems] = useState(() => outbox.items());
  useEffect(() => outbox.subscribe(() => setItems(outbox.items())), []);
  return items;
}
