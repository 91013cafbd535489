import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { SyncAnswer } from '../../../shared/api/sync.ts';
import { getSync } from '../api/endpoints.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { conflictsRoute } from '../lib/routes.ts';

function ago(iso: string | null): string {
  if (!iso) return 'not yet';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return new Date(iso).toLocaleString();
}

function describe(sync: Extract<SyncAnswer, { enabled: true }>): {
  tone: 'ok' | 'wait' | 'bad';
  text: string;
  detail: string;
} {
  const waiting = `${sync.ahead} change${sync.ahead === 1 ? '' : 's'} waiting to be sent to ${sync.remote}`;
  const last = `Last sent ${ago(sync.lastPushAt)}, last checked ${ago(sync.lastFetchAt)}.`;
  if (sync.state === 'stopped')
    return { tone: 'bad', text: `Sync with ${sync.remote} stopped`, detail: sync.lastError ?? '' };
  if (sync.conflicts.length > 0)
    return {
      tone: 'bad',
      text: `${sync.conflicts.length} save${sync.conflicts.length === 1 ? '' : 's'} conflict with ${sync.remote}`,
      detail: `${sync.conflicts.map((c) => `"${c.subject}" by ${c.author}`).join('; ')}. The remote changed the same posts; these saves are kept on this server until an editor resolves them: open the list to see them.`,
    };
  if (sync.state === 'offline' || sync.state === 'error')
    return {
      tone: sync.state === 'error' ? 'bad' : 'wait',
      text: sync.ahead ? waiting : `${sync.remote} cannot be reached`,
      detail: `${sync.lastError ?? ''} Saves are kept here and sent when it works again. ${last}`,
    };
  if (sync.ahead > 0) return { tone: 'wait', text: waiting, detail: last };
  return { tone: 'ok', text: `Synced with ${sync.remote}`, detail: `${sync.url}. ${last}` };
}

/** The header's word on sync with the site's remote: synced, changes waiting, or what went wrong. */
export function SyncBadge() {
  const sync = useQuery({
    queryKey: queryKeys.sync,
    queryFn: getSync,
    refetchInterval: 20_000,
    refetchOnWindowFocus: true,
  });
  if (!sync.data?.enabled) return null;
  const { tone, text, detail } = describe(sync.data);
  // Conflicted saves are resolved in their list; the badge leads there.
  const conflicted = sync.data.state !== 'stopped' && sync.data.conflicts.length > 0;
  return (
    <span className={`sync-badge sync-${tone}`} role="status" title={detail}>
      {conflicted ? (
        // The dot is inside the link: on a phone the badge shows little more than it.
        <Link to={conflictsRoute}>
          <span className="sync-dot" aria-hidden="true" />
          {text}
        </Link>
      ) : (
        <>
          <span className="sync-dot" aria-hidden="true" />
          {text}
        </>
      )}
      <span className="visually-hidden">. {detail}</span>
    </span>
  );
}
