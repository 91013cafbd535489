import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { listRoute } from '../lib/listReturn.ts';
import { entryHistoryRoute } from '../lib/routes.ts';

/** Props of EditorToolbar. */
export interface EditorToolbarProps {
  id: string;
  title: string;
  dirty: boolean;
  saving: boolean;
  canSave: boolean;
  blockedReason: string | null;
  message: string;
  notice: string | null;
  onMessageChange: (message: string) => void;
  onSave: () => void;
  /** The user may only read this entry: no commit message, no Save. */
  readOnly?: boolean;
  /** More controls after History (the entry's Actions menu). */
  actions?: ReactNode;
}

/** Title, save state, optional commit message and the Save button (also Ctrl/Cmd+S). */
export function EditorToolbar({
  id,
  title,
  dirty,
  saving,
  canSave,
  blockedReason,
  message,
  notice,
  onMessageChange,
  onSave,
  readOnly = false,
  actions,
}: EditorToolbarProps) {
  return (
    <div className="editor-toolbar">
      <div className="editor-heading">
        <p className="editor-path">
          <Link to={listRoute()}>Posts</Link> / <span>{id}</span>
        </p>
        <h1 className="editor-title">{title || 'Untitled'}</h1>
      </div>
      <div className="editor-actions">
        {readOnly ? (
          <span className="badge">Read only</span>
        ) : (
          <>
            <span className={`save-state${dirty ? ' is-dirty' : ''}`} role="status">
              {saving ? 'Saving…' : dirty ? 'Unsaved changes' : (notice ?? 'All changes saved')}
            </span>
            <input
              className="commit-message"
              aria-label="Commit message (optional)"
              placeholder={`Update "${title}"`}
              value={message}
              maxLength={2000}
              onChange={(event) => onMessageChange(event.target.value)}
            />
            <button
              type="button"
              className="button button-primary"
              onClick={onSave}
              disabled={!canSave || saving}
              aria-keyshortcuts="Control+S Meta+S"
              title={blockedReason ?? 'Save (Ctrl+S / ⌘S)'}
            >
              {saving ? 'Saving…' : 'Save'}
            </button>
          </>
        )}
        <Link className="button button-quiet" to={entryHistoryRoute(id)}>
          History
        </Link>
        {actions}
      </div>
      {blockedReason && dirty && (
        <p className="field-error" role="alert">
          {blockedReason}
        </p>
      )}
    </div>
  );
}
