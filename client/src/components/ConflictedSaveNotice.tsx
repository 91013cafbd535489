import { Link } from 'react-router';
import { describeError } from '../api/ApiError.ts';
import type { ResolutionState } from '../hooks/useConflictedSave.ts';
import { conflictsRoute } from '../lib/routes.ts';

/** What saving a conflicted save's post did to the save: dropped, posts left, or a failed drop. */
export function ConflictedSaveNotice({
  state,
  subject,
  onRetry,
  busy,
}: {
  state: ResolutionState | null;
  subject: string;
  onRetry: () => void;
  busy: boolean;
}) {
  if (!state) return null;
  if (state.kind === 'dropped')
    return (
      <p className="banner banner-info" role="status">
        The conflicted save ({subject}) is resolved: Folio no longer keeps it.{' '}
        <Link to={conflictsRoute}>Back to the conflicted saves</Link>
      </p>
    );
  if (state.kind === 'more')
    return (
      <p className="banner banner-info" role="status">
        This post is resolved. The same conflicted save ({subject}) also changed{' '}
        {state.left.join(', ')}:{' '}
        <Link to={conflictsRoute}>resolve {state.left.length === 1 ? 'it' : 'them'} too</Link>.
      </p>
    );
  return (
    <p className="banner banner-error" role="alert">
      Your merge is saved, but the conflicted save ({subject}) could not be dropped:{' '}
      {describeError(state.error)}{' '}
      <button type="button" className="button button-small" onClick={onRetry} disabled={busy}>
        Try again
      </button>{' '}
      or mark it resolved in <Link to={conflictsRoute}>the list</Link>.
    </p>
  );
}
