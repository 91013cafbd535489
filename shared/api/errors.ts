import { z } from 'zod';

/** Stable error codes of the API, each with one HTTP status. */
export const ErrorCodeSchema = z.enum([
  'validation_failed',
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'unparseable',
  'rate_limited',
  'internal',
  'read_only',
  'insufficient_storage',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** HTTP status for each error code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unparseable: 422,
  rate_limited: 429,
  internal: 500,
  read_only: 503,
  insufficient_storage: 507,
};

/** The body of every error answer: `{ error: { code, message, details? } }`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
