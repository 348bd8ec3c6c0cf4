// A small client of the gateway for tests, speaking only HTTP like the portal does.
import { createHmac } from 'node:crypto';
import { socioEconomicAnswers, syntheticNik } from '@jembatan/infra/fixtures';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async login(username: string, password = 'jembatan123'): Promise<GatewayClient> {
    const response = await this.request<{ accessToken: string }>('POST', '/api/auth/login', {
      username,
      password,
    });
    if (response.status !== 200)
      throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
    return new GatewayClient(this.baseUrl, response.body.accessToken);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

let next = Math.floor(Math.random() * 1_000_000);

/**
 * A valid NIK registered in `district` (Matraman, 31.75.01, unless named) for a woman born
 * 1960-1999, unique within this process. The birth year matters: a head of school age would fail
 * the children-in-school criterion (syntheticNik's n spells day and month in n % 336, the year
 * in n / 336 % 100).
 */
export function uniqueNik(district = '31.75.01'): string {
  const k = next++;
  const year = 60 + (Math.floor(k / 336) % 40);
  const serial = Math.floor(k / (336 * 40)) % 9_999;
  return syntheticNik(district, serial * 33_600 + year * 336 + (k % 336));
}

export function family(overrides: Record<string, unknown> = {}) {
  return {
    headName: 'Siti Aminah',
    nik: uniqueNik(),
    villageCode: '31.75.01.1001',
    address: 'Jl. Pisangan Baru No. 1',
    pkhEntryYear: 2018,
    ...overrides,
  };
}

/** A socio-economic assessment that meets every essential criterion of the default set. */
export const socioEconomic = (overrides: Record<string, unknown> = {}) => ({
  instrument: 'socio-economic',
  version: 1,
  assessedOn: '2026-11-01',
  verified: true,
  answers: socioEconomicAnswers(),
  ...overrides,
});

/** Polls `read` until `predicate` holds or `timeoutMs` passes; returns the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  predicate: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!predicate(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

const WIB_MS = 7 * 3_600_000;

/**
 * The latest 19:00 WIB that is over an hour past (within the last 7 days), and its weekday
 * (1 Monday ... 7 Sunday): a P2K2 session that can be planned and held right now, checked in
 * late, and still take its photo. Photos are taken up to a day after the session ends (20:30
 * for 90 minutes): with a two-hour threshold, yesterday's evening was chosen until 21:00
 * although its photo window closed at 20:30, and the photo tests failed every day in between.
 */
export function recentEvening(): { startsAt: string; weekday: number } {
  const now = Date.now();
  for (let back = 0; back < 7; back++) {
    const local = new Date(now + WIB_MS - back * 86_400_000);
    const start =
      Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 19) - WIB_MS;
    if (start < now - 3_600_000) {
      const day = new Date(start + WIB_MS).getUTCDay();
      return { startsAt: new Date(start).toISOString(), weekday: day === 0 ? 7 : day };
    }
  }
  throw new Error('unreachable: some evening of the last week is past');
}

/** The Matraman sub-district office (Jl. Matraman Raya), where its assistants check in. */
export const MATRAMAN_OFFICE = { lat: -6.2036, lng: 106.859, radiusM: 300 };

/**
 * Makes today a working day in `district` whose office opened at 00:00 with no grace, so any
 * office check-in now is late (and its lateness is the minutes since local midnight). Waits out
 * the first two minutes after midnight, when a check-in could not be late yet.
 */
export async function officeOpenSinceMidnight(dinas: GatewayClient, district: string) {
  const offsetMs = 7 * 3_600_000; // Jakarta (WIB), where the demo districts are
  const sinceMidnight = (Date.now() + offsetMs) % 86_400_000;
  if (sinceMidnight < 120_000) await new Promise((r) => setTimeout(r, 120_000 - sinceMidnight));
  const calendar = await dinas.request('PUT', `/api/calendar/${district}`, {
    officeStart: '00:00',
    officeEnd: '23:59',
    workdays: [1, 2, 3, 4, 5, 6, 7],
    graceMinutes: 0,
    office: MATRAMAN_OFFICE,
  });
  if (calendar.status !== 200) throw new Error(`calendar: ${JSON.stringify(calendar.body)}`);
  const day = new Date(Date.now() + offsetMs).toISOString().slice(0, 10);
  // A fixed national holiday (17 August, 25 December...) would otherwise make today a day off.
  const workday = await dinas.request('PUT', '/api/calendar/holidays', {
    regionCode: district,
    day,
    name: 'Hari kerja (uji)',
    working: true,
  });
  if (workday.status !== 200) throw new Error(`workday: ${JSON.stringify(workday.body)}`);
  return day;
}

/**
 * What an authenticator app computes (RFC 6238, SHA-1, 30 s, 6 digits), written on its own so
 * that it checks the gateway's implementation rather than repeating it.
 */
export function authenticatorCode(secretBase32: string, atMs = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secretBase32]
    .map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19]! & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
