import { Link } from 'react-router';
import type { Collection, EntrySummary } from '../../../shared/api/contract.ts';
import { columnLabel, optionLabel } from '../lib/listFields.ts';
import { useRowToggleState, useToggleFlag } from '../hooks/useToggleFlag.ts';
import { formatEntryDate } from '../lib/format.ts';
import type { ListFlags } from '../lib/listFlags.ts';
import { editorRoute, entryHistoryRoute } from '../lib/routes.ts';
import { FlagSwitch } from './FlagSwitch.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const MAX_TAGS = 4;

const noop = () => undefined;

// A column's value as the row shows it: a select's option by its label, not its stored value.
function columnText(
  value: NonNullable<EntrySummary['columns']>[string],
  label: (stored: string) => string,
): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return Array.isArray(value)
    ? value.map((v) => label(String(v))).join(', ')
    : label(String(value));
}

/** True for a section page (`_index.md`, `_index.en.md`): a list page of Hugo, not a post. */
export function isSectionPage(id: string): boolean {
  return /(^|\/)_index(\.[^./]+)?\.[^./]+$/.test(id);
}

/**
 * One post in the list: title, date, status, language, tags, and its collection's one-click
 * flags. The list's active row is its one tab stop (`active`); the others' links and switches
 * leave Tab alone.
 */
export function PostRow({
  entry,
  flags: listFlags,
  collections = [],
  showLanguage = true,
  active = true,
}: {
  entry: EntrySummary;
  flags: ListFlags;
  /** The site's collections, for the labels of the declared columns. */
  collections?: readonly Collection[];
  /** Show the language badge (false on a one-language site, where every post has the same). */
  showLanguage?: boolean;
  active?: boolean;
}) {
  const tabIndex = active ? 0 : -1;
  const toggle = useToggleFlag(entry.id);
  const state = useRowToggleState(entry.id);
  const pendingFlag = state?.status === 'pending' ? state.flag : null;
  const title = entry.title || entry.id;
  const section = isSectionPage(entry.id);
  // The collection's flags; a section's own page can only be a draft (the rest mean something for posts).
  const own = listFlags.of(entry.collection);
  const has = (flag: string) => own.has(flag) && (!section || flag === 'draft');
  // What this user may do here (absent from an older server: everything, the server still checks).
  const mayEdit = entry.can?.edit ?? true;
  const mayPublish = entry.can?.publish ?? true;
  const isOn = (flag: string) => entry.flags.includes(flag);
  const handleToggle = (flag: string, label: string) =>
    toggle.mutate({ id: entry.id, title, flag, label, value: !isOn(flag) });

  return (
    <article
      className={`post-row${entry.error ? ' has-error' : ''}${section ? ' is-section' : ''}${entry.missing ? ' is-missing' : ''}`}
      aria-label={title}
      tabIndex={tabIndex}
    >
      <div className="post-main">
        <Link className="post-title" to={editorRoute(entry.id)} tabIndex={tabIndex}>
          {title}
        </Link>
        <p className="post-meta">
          {entry.file && !entry.date ? (
            // A declared file: where it is says more than a date it does not have.
            <code className="post-path">{entry.id}</code>
          ) : (
            <time dateTime={entry.date ?? undefined} title={entry.date ?? undefined}>
              {formatEntryDate(entry.date)}
            </time>
          )}
          {entry.missing && (
            <span
              className="badge badge-missing"
              title="Declared by the site's schema, not created yet"
            >
              Not created yet
            </span>
          )}
          <StatusBadge entry={entry} />
          {section && (
            <span className="badge badge-section" title="The section's own page (_index.md)">
              Section page
            </span>
          )}
          <span className="badge" title="Collection">
            {entry.collection}
          </span>
          {showLanguage && entry.lang && (
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
        {entry.columns && Object.keys(entry.columns).length > 0 && (
          <dl className="post-columns">
            {Object.entries(entry.columns).map(([key, value]) => (
              <div key={key} className="post-column">
                <dt>{columnLabel(collections, entry.collection, key)}</dt>
                <dd>
                  {columnText(value, (v) => optionLabel(collections, entry.collection, key, v))}
                </dd>
              </div>
            ))}
          </dl>
        )}
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
        {listFlags.columns.map(({ name: flag, label }) =>
          flag === 'draft' && entry.draft && mayEdit && !mayPublish ? (
            // An author's own draft: they may change it, but publishing is an editor's.
            <span
              key={flag}
              className="ask-publish"
              title="Authors cannot publish: an editor turns Draft off"
            >
              Draft: ask an editor to publish
            </span>
          ) : has(flag) ? (
            <FlagSwitch
              key={flag}
              label={label}
              owner={title}
              checked={isOn(flag)}
              busy={pendingFlag === flag}
              tabIndex={tabIndex}
              disabled={
                Boolean(entry.error) ||
                pendingFlag !== null ||
                !mayEdit ||
                (flag === 'draft' && !mayPublish)
              }
              onToggle={() => handleToggle(flag, label)}
            />
          ) : (
            // Holds the place, so the switches of every row stay in their columns.
            <span key={flag} className="flag-slot-empty" aria-hidden="true">
              <FlagSwitch label={label} owner={title} checked={false} disabled onToggle={noop} />
            </span>
          ),
        )}
        <span className="post-progress" role="status">
          {state?.status === 'pending' && 'Saving…'}
          {state?.status === 'success' && (
            <span key={state.at} className="fade-out">
              Saved
            </span>
          )}
        </span>
      </div>
      {entry.missing ? (
        <span className="post-history" aria-hidden="true" />
      ) : (
        <Link
          className="post-history"
          to={entryHistoryRoute(entry.id)}
          aria-label={`History of ${title}`}
          tabIndex={tabIndex}
        >
          History
        </Link>
      )}
    </article>
  );
}
