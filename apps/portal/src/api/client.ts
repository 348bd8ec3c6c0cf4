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
  headers.set('content-type', 'application/json');
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
