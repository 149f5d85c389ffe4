/**
 * The one way the web talks to the API: JSON in and out, the CSRF header on every write, and
 * the API's error shape turned into an ApiError that forms and pages can read.
 */

export type FieldError = { path: string; message: string };

/** An error answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The field errors of a validation failure (empty for other errors). */
  get fields(): FieldError[] {
    const details = this.details as { fields?: unknown } | null;
    if (!details || !Array.isArray(details.fields)) return [];
    return details.fields.filter(
      (f): f is FieldError => typeof f?.path === 'string' && typeof f?.message === 'string',
    );
  }
}

export type AuthFailure = 'unauthenticated' | 'password_change_required';

let csrfToken: string | null = null;
let authFailureHandler: (kind: AuthFailure) => void = () => {};

/** Remembers the CSRF token of the current session (from GET /api/auth/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Lets the app react (go to login / change password) when any request finds the session gone. */
export function onAuthFailure(handler: (kind: AuthFailure) => void): void {
  authFailureHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=2` from an object, leaving out empty values. */
export function buildQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  form?: FormData;
  query?: Record<string, QueryValue>;
  /** Session probes and sign-in answer 401 as a normal result, not as "session lost". */
  quietAuth?: boolean;
};

/** Calls the API and returns the parsed JSON answer, or throws an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}${buildQuery(options.query ?? {})}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', networkMessage(), null);
  }
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return payload as T;
  const error = toApiError(response.status, payload);
  if (!options.quietAuth) {
    if (error.status === 401) authFailureHandler('unauthenticated');
    if (error.status === 403 && error.code === 'password_change_required') {
      authFailureHandler('password_change_required');
    }
  }
  throw error;
}

function toApiError(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
    ?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(status, error.code, String(error.message ?? error.code), error.details ?? null);
  }
  return new ApiError(status, 'http_error', `HTTP ${status}`, null);
}

// The server is unreachable, so its translated message is not available either.
function networkMessage(): string {
  return document.documentElement.lang.startsWith('en')
    ? 'Cannot reach the server; check the network and try again.'
    : '无法连接服务器，请检查网络后重试。';
}
