/** An object the repository does not have (or not of the expected type). */
export class MissingObjectError extends Error {
  constructor(
    readonly oid: string,
    detail = 'not found',
  ) {
    super(`Git object ${oid} ${detail}`);
    this.name = 'MissingObjectError';
  }
}

/**
 * An object a partial clone does not have: git would fetch it from the promisor remote on demand,
 * Folio does not (no git process, no network), so whoever asked reports it as unavailable.
 */
export class ObjectUnavailableError extends MissingObjectError {
  constructor(
    oid: string,
    /** The promisor remote that has it. */
    readonly remote: string,
  ) {
    super(oid, `is not in this partial clone (git fetches it from ${remote} on demand)`);
    this.name = 'ObjectUnavailableError';
  }
}
