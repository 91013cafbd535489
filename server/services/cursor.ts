import type { z } from 'zod';
import { ValidationError } from '../errors.ts';

/** Encodes a pagination position as an opaque URL-safe string. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor and checks its shape; 400 for anything else. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError(
      'Invalid cursor: pass the nextCursor of the previous page unchanged.',
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(
      'Invalid cursor: pass the nextCursor of the previous page unchanged.',
    );
  return parsed.data;
}
