import type { ErrorBody } from '../../../shared/api/errors.ts';
import { ApiError } from './ApiError.ts';

/** Options of one API call. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (an upload's image), with its own type. */
  rawBody?: Blob;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

/** Called once per 401 so the app can drop its session (set by the session hook). */
let onUnauthenticated: (() => void) | null = null;

/** Registers what to do when any call answers 401. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** The URL of the API route `path` (below /api) with `query`'s non-empty values. */
export function apiUrl(path: string, query: RequestOptions['query'] = {}): URL {
  const url = new URL(`/api${path}`, window.location.origin);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '')
      url.searchParams.set(key, String(value));
  }
  return url;
}

/**
 * Calls the JSON API at `path` (below /api) and returns its answer typed as `T`.
 *
 * `T` comes from the shared contract (shared/api/contract.ts), which the server validates its
 * requests with and types its answers by; both sides compile from that one file, so the client
 * does not re-validate answers at run time (that would put the schema library in the first page's
 * bundle). A body that is not JSON still fails clearly, as `bad_response`.
 */
export async function apiRequest<T = void>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.rawBody) headers['Content-Type'] = options.rawBody.type || 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body:
        options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message);
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', `${path}: the answer is not JSON`);
  }
}

function isErrorBody(json: unknown): json is ErrorBody {
  const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

async function toApiError(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  if (response.status === 401) onUnauthenticated?.();
  if (isErrorBody(json)) {
    const { code, message, details } = json.error;
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
