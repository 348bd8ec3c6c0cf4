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

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  save: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Calls the gateway; every error arrives as ApiError with the gateway's one error format. */
export async function api<T>(
  path: string,
  init: RequestInit & { idempotencyKey?: string } = {},
): Promise<T> {
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  const token = session.token();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.idempotencyKey) headers.set('idempotency-key', init.idempotencyKey);
  const response = await fetch(path, { ...init, headers });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401) session.clear();
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
  const token = session.token();
  const response = await fetch(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return response.ok ? URL.createObjectURL(await response.blob()) : null;
}

/** Downloads a file the gateway serves behind the bearer token and hands it to the browser. */
export async function download(path: string, fileName: string): Promise<void> {
  const token = session.token();
  const response = await fetch(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
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
