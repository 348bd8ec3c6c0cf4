import type { ErrorBody, FieldError } from '@jembatan/contracts';

export class ApiError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }

  get fields(): FieldError[] {
    return this.body.fields ?? [];
  }
}

const TOKEN_KEY = 'jembatan.token';
const REFRESH_KEY = 'jembatan.refresh';
const USER_KEY = 'jembatan.user';

// Tab storage: closing the tab on a shared office computer ends the session with it.
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  refreshToken: (): string | null => sessionStorage.getItem(REFRESH_KEY),
  save: (token: string, refreshToken: string) => {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(REFRESH_KEY, refreshToken);
  },
  clear: () => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(REFRESH_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
  /** Who signed in (name, role, region), so a reload without a connection can still open. */
  user: <U>(): U | null => JSON.parse(sessionStorage.getItem(USER_KEY) ?? 'null') as U | null,
  saveUser: (user: unknown) => sessionStorage.setItem(USER_KEY, JSON.stringify(user)),
};

let renewing: Promise<boolean> | null = null;

/** Trades the refresh token for new tokens, once for however many calls need it. */
function renew(): Promise<boolean> {
  const refreshToken = session.refreshToken();
  if (!refreshToken) return Promise.resolve(false);
  renewing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  })
    .then(async (response) => {
      if (!response.ok) return false;
      const renewed = (await response.json()) as { accessToken: string; refreshToken: string };
      session.save(renewed.accessToken, renewed.refreshToken);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      renewing = null;
    });
  return renewing;
}

/**
 * fetch with the access token; when the gateway says it has expired (401), renews it with
 * the refresh token and tries once more. A session that cannot be renewed is cleared.
 */
async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const attempt = () => {
    const headers = new Headers(init.headers);
    const token = session.token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(path, { ...init, headers });
  };
  const response = await attempt();
  if (response.status !== 401 || path.startsWith('/api/auth/')) return response;
  if (await renew()) return attempt();
  session.clear();
  return response;
}

/** Calls the gateway; every error arrives as ApiError with the gateway's one error format. */
export async function api<T>(
  path: string,
  init: RequestInit & { idempotencyKey?: string } = {},
): Promise<T> {
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  if (init.idempotencyKey) headers.set('idempotency-key', init.idempotencyKey);
  const response = await authorizedFetch(path, { ...init, headers });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      (body as ErrorBody | null) ?? {
        statusCode: response.status,
        error: 'error',
        message: response.statusText,
      },
    );
  }
  return body as T;
}

/** Sends a file as the request body (streamed by the browser), answering like `api`. */
export function upload<T>(path: string, file: Blob, contentType = 'text/csv'): Promise<T> {
  return api<T>(path, { method: 'POST', body: file, headers: { 'content-type': contentType } });
}

/** A file the gateway serves behind the bearer token, as an object URL for <img> and the like. */
export async function fetchObjectUrl(path: string): Promise<string | null> {
  const response = await authorizedFetch(path);
  return response.ok ? URL.createObjectURL(await response.blob()) : null;
}

/** Downloads a file the gateway serves behind the bearer token and hands it to the browser. */
export async function download(path: string, fileName: string): Promise<void> {
  const response = await authorizedFetch(path);
  if (!response.ok)
    throw new ApiError({
      statusCode: response.status,
      error: 'error',
      message: response.statusText,
    });
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}

/** Field errors of a failed call, keyed by path (`answers.monthlyIncome`), for forms. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError
    ? Object.fromEntries(error.fields.map((f) => [f.path, f.message]))
    : {};
}
