import type { GitStore } from '../git/GitStore.ts';
import {
  RemoteConfigError,
  type RemoteOptions,
  resolveRemote,
} from '../git/remote/remoteSettings.ts';
import { SyncEngine } from './SyncEngine.ts';
import { activeReceiveHooks } from '../git/remote/localRemote.ts';

/** How a context syncs: the remote options and the fetch interval (0: no timer). */
export interface SyncConfig extends RemoteOptions {
  fetchIntervalMs?: number;
  /** Shared secret of the push webhook (null: the webhook is refused). */
  webhookSecret?: string | null;
}

/**
 * The sync engine for the branch the store serves, when it has a remote (its upstream, or the
 * URL given) and sync is not off; it is attached to the store so that every batch is pushed.
 */
export async function openSync(
  store: GitStore,
  config: SyncConfig = {},
): Promise<SyncEngine | null> {
  if (config.disabled) return null;
  const head = await store.head();
  if (!head.branch) return null;
  let settings: Awaited<ReturnType<typeof resolveRemote>>;
  try {
    settings = await resolveRemote(store.layout.commonDir, head.branch, config);
  } catch (err) {
    // A remote Folio cannot talk to (SSH) leaves Folio working locally, saying why.
    if (!(err instanceof RemoteConfigError)) throw err;
    console.warn(`Not syncing: ${err.message}`);
    return null;
  }
  if (!settings) return null;
  if (settings.kind === 'local') {
    const hooks = await activeReceiveHooks(settings);
    if (hooks.length)
      console.warn(
        `The remote ${settings.shownUrl} has ${hooks.join(', ')} hook${hooks.length === 1 ? '' : 's'}, ` +
          "which Folio's pushes to a repository on this machine do not run (it writes the commits " +
          'and moves the branch itself). Serve that repository over HTTP (git http-backend) if they must run.',
      );
  }
  const engine = new SyncEngine(store, settings, { fetchIntervalMs: config.fetchIntervalMs });
  await engine.init();
  store.setSync(engine);
  return engine;
}
