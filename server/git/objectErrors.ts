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
