import { Link } from 'react-router';
import type { EntrySummary } from '../../../shared/api/contract.ts';
import { useRowToggleState, useToggleFlag, type Flag } from '../hooks/useToggleFlag.ts';
import { formatEntryDate } from '../lib/format.ts';
import { editorRoute, entryHistoryRoute } from '../lib/routes.ts';
import { FlagSwitch } from './FlagSwitch.tsx';

const FLAGS: { flag: Flag; label: string }[] = [
  { flag: 'draft', label: 'Draft' },
  { flag: 'featured', label: 'Featured' },
  { flag: 'pinned', label: 'Pinned' },
];
const MAX_TAGS = 4;

/** One post in the list: title, date, language, tags, and its three one-click flags. */
export function PostRow({ entry }: { entry: EntrySummary }) {
  const toggle = useToggleFlag(entry.id);
  const state = useRowToggleState(entry.id);
  const pendingFlag = state?.status === 'pending' ? state.flag : null;
  const title = entry.title || entry.id;
  const handleToggle = (flag: Flag) =>
    toggle.mutate({ id: entry.id, title, flag, value: !entry[flag] });

  return (
    <article className={`post-row${entry.error ? ' has-error' : ''}`} aria-label={title}>
      <div className="post-main">
        <Link className="post-title" to={editorRoute(entry.id)}>
          {title}
        </Link>
        <p className="post-meta">
          <time dateTime={entry.date ?? undefined} title={entry.date ?? undefined}>
            {formatEntryDate(entry.date)}
          </time>
          <span className="badge" title="Collection">
            {entry.collection}
          </span>
          {entry.lang && (
            <span className="badge badge-lang" title="Language">
              {entry.lang}
            </span>
          )}
          {entry.tags.slice(0, MAX_TAGS).map((tag) => (
            <span key={tag} className="tag">
              #{tag}
            </span>
          ))}
          {entry.tags.length > MAX_TAGS && (
            <span className="tag">+{entry.tags.length - MAX_TAGS}</span>
          )}
        </p>
        {entry.error && (
          <p className="post-error">Cannot be parsed: {entry.error}. It opens read-only.</p>
        )}
        {state?.message && state.status === 'error' && (
          <p className="post-error" role="alert">
            {state.message}
          </p>
        )}
      </div>
      <div className="post-flags" role="group" aria-label={`Flags of ${title}`}>
        {FLAGS.map(({ flag, label }) => (
          <FlagSwitch
            key={flag}
            label={label}
            owner={title}
            checked={entry[flag]}
            busy={pendingFlag === flag}
            disabled={Boolean(entry.error) || pendingFlag !== null}
            onToggle={() => handleToggle(flag)}
          />
        ))}
        <span className="post-progress" role="status">
          {state?.status === 'pending' && 'Saving…'}
          {state?.status === 'success' && (
            <span key={state.at} className="fade-out">
              Saved
            </span>
          )}
        </span>
      </div>
      <Link
        className="post-history"
        to={entryHistoryRoute(entry.id)}
        aria-label={`History of ${title}`}
      >
        History
      </Link>
    </article>
  );
}
