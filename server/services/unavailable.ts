import { AppError } from '../errors.ts';
import { ObjectUnavailableError } from '../git/ObjectStore.ts';

/**
 * The answer for something whose objects a partial clone does not have: 404 `not_found` with
 * `details.reason: "object_unavailable"` and the object id, since Folio neither runs git nor
 * fetches from the promisor remote. Other errors pass through unchanged.
 */
export function unavailableAsNotFound(err: unknown, what: string): unknown {
  if (!(err instanceof ObjectUnavailableError)) return err;
  return new AppError(
    'not_found',
    `${what} is not in this partial clone: git keeps object ${err.oid} on the remote ${err.remote} ` +
      `and fetches it when asked (for example with git cat-file -e ${err.oid}); Folio does not.`,
    { reason: 'object_unavailable', oid: err.oid, remote: err.remote },
  );
}
