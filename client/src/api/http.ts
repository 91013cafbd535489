import type { z } from 'zod';
import { ErrorBodySchema } from '../../../shared/api/errors.ts';
import { ApiError } from './ApiError.ts';

/** Options of one API call. */
export interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Schema the answer must match; omit for answers without a body. */
  schema?: S;
  signal?: AbortSignal;
}

/** Called once per 401 so the app can drop its session (set by the session hook). */
let onUnauthenticated: (() => void) | null = null;

/** Registers what to do when any call answers 401. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** Calls the JSON API at `path` (below /api) and returns the answer checked against `schema`. */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<z.infer<S>> {
  const url = new URL(`/api${path}`, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '')
      url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message);
  }
  if (!response.ok) throw await toApiError(response);
  if (!options.schema || response.status === 204) return undefined as z.infer<S>;
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      response.status,
      'bad_response',
      `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

async function toApiError(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = ErrorBodySchema.safeParse(json);
  if (response.status === 401) onUnauthenticated?.();
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details);
  }
  const code =
    response.status === 401
      ? 'unauthenticated'
      : response.status === 404
        ? 'not_found'
        : 'internal';
  return new ApiError(
    response.status,
    code,
    `The server answered ${response.status} ${response.statusText}.`,
  );
}
