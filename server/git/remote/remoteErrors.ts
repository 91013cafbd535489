/** The remote could not be reached (network, DNS, a 5xx): saves wait to be sent. */
export class RemoteUnreachableError extends Error {
  constructor(detail: string) {
    super(`The remote could not be reached (${detail}).`);
    this.name = 'RemoteUnreachableError';
  }
}

/** The remote refused the credentials (401/403): retrying will not help until they are fixed. */
export class RemoteAuthError extends Error {
  constructor() {
    super(
      "The remote refused Folio's credentials. Check the token or password (FOLIO_REMOTE_PASSWORD / FOLIO_REMOTE_TOKEN) and its write access.",
    );
    this.name = 'RemoteAuthError';
  }
}

/** The push was not a fast-forward: the remote moved since the last fetch. */
export class PushRejectedError extends Error {
  constructor(detail = 'The remote branch moved since Folio last fetched it.') {
    super(detail);
    this.name = 'PushRejectedError';
  }
}

/** The remote answered something Folio cannot read as git's smart HTTP protocol. */
export class RemoteProtocolError extends Error {
  constructor(detail: string) {
    super(`The remote's answer is not git's smart HTTP protocol: ${detail}.`);
    this.name = 'RemoteProtocolError';
  }
}

const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+)$/;

/** The system error code of a failed request (fetch wraps it in `cause`), or null. */
export function networkCode(err: unknown): string | null {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && NETWORK_CODES.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return null;
}

/** What one push sent: the remote's tip before, how many commits and objects. */
export interface PushResult {
  before: string | null;
  commits: number;
  objects: number;
}
