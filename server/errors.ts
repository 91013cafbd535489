import { ERROR_STATUS, type ErrorCode } from '../shared/api/errors.ts';

/** Base of every error the API answers on purpose: a stable code, an HTTP status, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }
}

/** The request is malformed (400). */
export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, details);
  }
}

/**
 * The values break the site's declared schema (400 `invalid`): `details` lists each problem as
 * `{path, message}` (`tags`, `author.name`, `links.1.href`), the words the form shows too.
 */
export class InvalidFieldsError extends AppError {
  constructor(issues: readonly { path: string; message: string }[], where: string) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(
      'invalid',
      `${where}: ${first ? `${first.path}: ${first.message}` : 'invalid values'}${more}. Fix the values and save again.`,
      issues,
    );
  }
}

/** No valid session (401). */
export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first: this request needs a session.', details?: unknown) {
    super('unauthenticated', message, details);
  }
}

/** Signed in, but not allowed (403). */
export class ForbiddenError extends AppError {
  constructor(message: string, details?: unknown) {
    super('forbidden', message, details);
  }
}

/**
 * The site's schema does not let anyone add entries to this collection (403 `forbidden`, Decap's
 * `create: false`); `details` is `{reason: "create_disabled", collection, source}`.
 */
export class CreateDisabledError extends ForbiddenError {
  constructor(
    collection: { name: string; label?: string },
    source: string,
    action: 'create' | 'move' = 'create',
  ) {
    const decap = !/(^|\/)folio\.ya?ml$/.test(source);
    const label = collection.label ?? collection.name;
    const what =
      action === 'move'
        ? `new entries in ${label}, so nothing can be moved or renamed into it either`
        : `new entries in ${label}`;
    const instead = action === 'move' ? 'or choose another folder' : 'or edit an existing entry';
    super(
      `The site's schema does not allow ${what}: ${source} ${
        decap ? 'has no "create: true"' : 'has "create: false"'
      } for the collection "${collection.name}". Set "create: true" there to allow them, ${instead}.`,
      { reason: 'create_disabled', collection: collection.name, source },
    );
  }
}

/** The entry is a file a `files` collection declares: it is not deleted or moved (403, `details.reason: "declared_file"`). */
export class DeclaredFileError extends ForbiddenError {
  constructor(id: string, collection: string) {
    super(
      `${id} is declared by the files collection "${collection}" of the site's schema: it stays at that path and is not deleted or moved. Change the schema file to drop or move it.`,
      { reason: 'declared_file', collection },
    );
  }
}

/** The named thing does not exist (404); `details.reason` may say which kind of thing. */
export class NotFoundError extends AppError {
  constructor(message: string, details?: unknown) {
    super('not_found', message, details);
  }
}

/** The write is based on a stale version, or would clobber someone else's edit (409). */
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

/** The request body is too large (413). */
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('payload_too_large', message);
  }
}

/** The uploaded bytes are not an image type Folio accepts (415); `details.reason` says why. */
export class UnsupportedMediaError extends AppError {
  constructor(message: string, details?: unknown) {
    super('unsupported_media_type', message, details);
  }
}

/** The file cannot be parsed, so Folio will not rewrite it (422). */
export class UnparseableError extends AppError {
  constructor(message: string, details?: unknown) {
    super('unparseable', message, details);
  }
}

/** Too many attempts in a short time (429); the answer carries `Retry-After` when the wait is known. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(
      'rate_limited',
      message,
      retryAfterSeconds ? { retryAfter: retryAfterSeconds } : undefined,
    );
  }
}

/** The disk or the repository cannot take writes right now (503 read-only, 507 full). */
export class StorageError extends AppError {
  constructor(code: 'read_only' | 'insufficient_storage', message: string) {
    super(code, message);
  }
}
