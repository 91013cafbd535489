import type { ObjectStore } from '../ObjectStore.ts';
import { commitsAfter } from './commitsAfter.ts';
import { moveTrackingRef } from './moveTrackingRef.ts';
import { objectsToPush } from './objectsToPush.ts';
import { FLUSH_PKT, parsePktLines, pktLine, pktText } from './pktLine.ts';
import { type PushResult, PushRejectedError, RemoteProtocolError } from './remoteErrors.ts';
import type { RemoteSettings } from './remoteSettings.ts';
import { discoverRefs, smartHttpRequest } from './smartHttp.ts';
import { writePack } from './writePack.ts';

const ZERO_OID = '0'.repeat(40);

/** The remote refused the push for a reason fetching will not change (a hook, a protected branch). */
export class PushRefusedError extends Error {
  constructor(ref: string, reason: string) {
    super(
      `The remote refused the push to ${ref}: ${reason}. Ask the remote's owner, then Folio tries again.`,
    );
    this.name = 'PushRefusedError';
  }
}

// report-status: `unpack ok`, then `ok <ref>` or `ng <ref> <reason>` for each ref.
function readReport(body: Buffer, ref: string): void {
  let lines;
  try {
    lines = parsePktLines(body).filter((line): line is Buffer => line !== null);
  } catch (err) {
    throw new RemoteProtocolError((err as Error).message);
  }
  const text = lines.map(pktText);
  const unpack = text.find((line) => line.startsWith('unpack '));
  if (unpack && unpack !== 'unpack ok')
    throw new PushRefusedError(ref, `it could not unpack Folio's objects (${unpack.slice(7)})`);
  const verdict = text.find((line) => line === `ok ${ref}` || line.startsWith(`ng ${ref} `));
  if (!verdict) throw new RemoteProtocolError(`no status for ${ref} in the answer to the push`);
  if (verdict.startsWith('ok ')) return;
  const reason = verdict.slice(`ng ${ref} `.length);
  // Moved meanwhile (not a fast-forward any more) or locked by another push at the same moment.
  if (
    /non-fast-forward|fetch first|stale info|failed to (lock|update ref)|cannot lock/i.test(reason)
  )
    throw new PushRejectedError(`The remote did not take the push: ${reason}.`);
  throw new PushRefusedError(ref, reason);
}

/**
 * Pushes the local commit `local` to the remote branch over smart HTTP, fast-forward only (never a
 * force push), sending only the objects the remote lacks, and moves the remote-tracking ref.
 * Throws PushRejectedError when the remote moved (fetch, then try again).
 */
export async function sendPack(
  objects: ObjectStore,
  gitdir: string,
  settings: RemoteSettings,
  local: string,
): Promise<PushResult> {
  const target = { url: settings.url, credentials: settings.credentials };
  const advert = await discoverRefs(target, 'git-receive-pack');
  const ref = settings.remoteBranch;
  const before = advert.refs.get(ref) ?? null;
  let sent = { commits: 0, objects: 0 };
  if (before !== local) {
    const commits = await commitsAfter(objects, local, before);
    const oids = await objectsToPush(objects, commits, before);
    const caps = ['report-status', 'agent=folio'].filter(
      (cap) => cap.startsWith('agent=') || advert.capabilities.has(cap),
    );
    const command = pktLine(`${before ?? ZERO_OID} ${local} ${ref}\0${caps.join(' ')}\n`);
    const pack = await writePack(objects, oids);
    const { body } = await smartHttpRequest(target, 'git-receive-pack', {
      method: 'POST',
      body: Buffer.concat([command, FLUSH_PKT, pack]),
      contentType: 'application/x-git-receive-pack-request',
      accept: 'application/x-git-receive-pack-result',
    });
    if (advert.capabilities.has('report-status')) readReport(body, ref);
    sent = { commits: commits.length, objects: oids.length };
  }
  await moveTrackingRef(gitdir, settings.trackingRef, local, { afterPush: true });
  return { before, ...sent };
}
