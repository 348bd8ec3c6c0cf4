import { ApiError } from '../api/client';

/**
 * Commands made in the field without a connection (check-ins, P2K2 attendance, visit notes)
 * wait on the device and go out, in order, when the connection returns. Each carries its
 * Idempotency-Key from the moment it was made, so a command whose answer was lost on the way
 * and is sent again is applied once.
 */
export interface QueuedCommand {
  /** The Idempotency-Key, fixed when the command was made. */
  key: string;
  /** The account that made it: only that account's session ever sends it. */
  owner: string;
  path: string;
  body: unknown;
  /** What the user did, in their language, for the sync list. */
  label: string;
  queuedAt: string;
  /** Why the gateway refused it (it stays until the user discards it). */
  refusal?: string;
}

export interface OutboxStore {
  load(): QueuedCommand[];
  save(items: QueuedCommand[]): void;
}

const STORAGE_KEY = 'jembatan.outbox';

/** On the device, surviving a closed tab or a restarted phone. */
export const deviceStore: OutboxStore = {
  load: () => JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as QueuedCommand[],
  save: (items) => localStorage.setItem(STORAGE_KEY, JSON.stringify(items)),
};

/** fetch rejects with a TypeError when there is no network at all. */
export const isNetworkFailure = (error: unknown) => error instanceof TypeError;

/** Answers worth trying again later rather than showing as refused. */
const RETRY_LATER = new Set([401, 408, 429, 500, 502, 503, 504]);

export type Sender = (command: QueuedCommand) => Promise<unknown>;

export class Outbox {
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<number> | null = null;

  constructor(
    private readonly store: OutboxStore,
    private readonly send: Sender,
    private readonly online: () => boolean,
    /** The signed-in account (null when nobody is): a shared phone keeps each one's apart. */
    private readonly owner: () => string | null,
  ) {}

  /** What the signed-in account made and has not yet sent. */
  items(): QueuedCommand[] {
    const owner = this.owner();
    return this.store.load().filter((item) => item.owner === owner);
  }

  /** Replaces the signed-in account's items, keeping other accounts' as they are. */
  private keep(items: QueuedCommand[]): void {
    const owner = this.owner();
    this.store.save([...this.store.load().filter((item) => item.owner !== owner), ...items]);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sends the command now if there is a connection; otherwise (or if the network fails on
   * the way) keeps it on the device. `queued` tells the screen which happened.
   */
  async submit<T>(
    command: Omit<QueuedCommand, 'queuedAt' | 'owner'> & {
      /** The body to send if it has to wait (say, with the time it was made). */
      bodyIfQueued?: unknown;
    },
  ): Promise<{ queued: false; answer: T } | { queued: true }> {
    const { bodyIfQueued, ...rest } = command;
    const owner = this.owner();
    if (!owner) throw new Error('Sign in before recording anything');
    const now = { ...rest, owner };
    const queuedAt = new Date().toISOString();
    if (this.online() && this.items().length === 0) {
      try {
        return { queued: false, answer: (await this.send({ ...now, queuedAt })) as T };
      } catch (error) {
        if (!isNetworkFailure(error)) throw error;
      }
    }
    // Behind earlier queued commands: order matters (a check-out after its check-in).
    const waiting = { ...now, body: bodyIfQueued ?? now.body, queuedAt };
    this.keep([...this.items(), waiting]);
    this.notify();
    return { queued: true };
  }

  /** Sends what waits, oldest first; stops at the first that cannot go yet. Returns how many went. */
  flush(): Promise<number> {
    this.flushing ??= this.sendWaiting().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  discard(key: string): void {
    this.keep(this.items().filter((item) => item.key !== key));
    this.notify();
  }

  private async sendWaiting(): Promise<number> {
    let sent = 0;
    for (const item of this.items()) {
      if (item.refusal) continue;
      try {
        await this.send(item);
        this.keep(this.items().filter((other) => other.key !== item.key));
        sent++;
      } catch (error) {
        if (isNetworkFailure(error)) break;
        if (error instanceof ApiError && RETRY_LATER.has(error.body.statusCode)) break;
        const refusal =
          error instanceof ApiError
            ? [error.message, ...error.fields.map((f) => `${f.path}: ${f.message}`)].join(' · ')
            : String(error);
        this.keep(
          this.items().map((other) => (other.key === item.key ? { ...other, refusal } : other)),
        );
      } finally {
        this.notify();
      }
    }
    return sent;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
