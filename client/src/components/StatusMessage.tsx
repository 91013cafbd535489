import type { ReactNode } from 'react';
import { describeError } from '../api/ApiError.ts';

/** A calm "loading" line that screen readers announce. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="status status-loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** An error box: what failed, why, and a way to try again. */
export function ErrorState({
  title,
  error,
  onRetry,
  children,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="status status-error" role="alert">
      <p className="status-title">{title}</p>
      <p>{describeError(error)}</p>
      {children}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** An empty state: what is (not) here and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="status status-empty">
      <p className="status-title">{title}</p>
      {children}
    </div>
  );
}
