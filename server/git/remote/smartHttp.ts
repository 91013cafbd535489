import http from 'isomorphic-git/http/node';
import type { RemoteCredentials } from './remoteSettings.ts';
import {
  networkCode,
  RemoteAuthError,
  RemoteProtocolError,
  RemoteUnreachableError,
} from './remoteErrors.ts';
import { parsePktLines, pktText } from './pktLine.ts';

/** Where a smart HTTP request goes: the remote's URL (no credentials in it) and its credentials. */
export interface SmartHttpTarget {
  url: string;
  credentials: RemoteCredentials | null;
}

/** How long one request to the remote may take before Folio gives up on it (and tries later). */
const REQUEST_TIMEOUT_MS = 120_000;

/** What the remote's service advertises: its branches and tags by name, and its capabilities. */
export interface RefAdvert {
  refs: Map<string, string>;
  capabilities: Set<string>;
}

/**
 * One request to the remote's smart HTTP service (`info/refs?service=...` or a service POST), with
 * basic auth when there are credentials; the answer's bytes. A 401/403 is RemoteAuthError, other
 * failures RemoteUnreachableError (the message never carries the credentials).
 */
export async function smartHttpRequest(
  target: SmartHttpTarget,
  path: string,
  init: { method: 'GET' | 'POST'; body?: Buffer; contentType?: string; accept: string },
): Promise<{ body: Buffer; contentType: string }> {
  const headers: Record<string, string> = {
    // Forges serve git's smart protocol to clients that say they are git.
    'user-agent': 'git/folio',
    accept: init.accept,
  };
  if (init.contentType) headers['content-type'] = init.contentType;
  if (target.credentials) {
    const { username, password } = target.credentials;
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  // isomorphic-git's HTTP client (the transport its own fetch and push use), with a timeout.
  let res: Awaited<ReturnType<typeof http.request>>;
  const body = init.body;
  try {
    res = await http.request({
      url: `${target.url.replace(/\/+$/, '')}/${path}`,
      method: init.method,
      headers,
      body: body
        ? (async function* () {
            yield new Uint8Array(body);
          })()
        : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    if ((err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError')
      throw new RemoteUnreachableError('timed out');
    throw new RemoteUnreachableError(networkCode(err) ?? 'the request failed');
  }
  if (res.statusCode === 401 || res.statusCode === 403) throw new RemoteAuthError();
  if (res.statusCode < 200 || res.statusCode >= 300)
    throw new RemoteUnreachableError(`HTTP ${res.statusCode}`);
  const chunks: Uint8Array[] = [];
  try {
    for await (const chunk of res.body ?? []) chunks.push(chunk);
  } catch (err) {
    throw new RemoteUnreachableError(networkCode(err) ?? 'the answer was cut off');
  }
  return { body: Buffer.concat(chunks), contentType: res.headers?.['content-type'] ?? '' };
}

/**
 * Asks the remote which refs it has (`info/refs?service=git-receive-pack` for a push,
 * `git-upload-pack` for a fetch; protocol v0 as git speaks it) and parses the advertisement.
 */
export async function discoverRefs(
  target: SmartHttpTarget,
  service: 'git-receive-pack' | 'git-upload-pack',
): Promise<RefAdvert> {
  const { body, contentType } = await smartHttpRequest(target, `info/refs?service=${service}`, {
    method: 'GET',
    accept: `application/x-${service}-advertisement`,
  });
  if (!contentType.startsWith(`application/x-${service}-advertisement`))
    throw new RemoteProtocolError(
      `info/refs answered ${contentType || 'no content type'} (a dumb HTTP server cannot take pushes)`,
    );
  let lines;
  try {
    lines = parsePktLines(body);
  } catch (err) {
    throw new RemoteProtocolError((err as Error).message);
  }
  if (lines[0] && pktText(lines[0]).startsWith('# service=')) lines = lines.slice(2);
  const refs = new Map<string, string>();
  const capabilities = new Set<string>();
  for (const [i, line] of lines.entries()) {
    if (!line) break;
    const text = pktText(line);
    const nul = text.indexOf('\0');
    const refPart = nul === -1 ? text : text.slice(0, nul);
    if (i === 0 && nul !== -1)
      for (const cap of text.slice(nul + 1).split(' ')) if (cap) capabilities.add(cap);
    const match = /^([0-9a-f]{40}) (.+)$/.exec(refPart);
    if (!match) throw new RemoteProtocolError(`unexpected ref line ${JSON.stringify(refPart)}`);
    if (match[2] !== 'capabilities^{}') refs.set(match[2]!, match[1]!);
  }
  return { refs, capabilities };
}
