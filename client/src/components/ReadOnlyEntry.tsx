import { Link } from 'react-router';
import { entryHistoryRoute } from '../lib/routes.ts';

/** Props of ReadOnlyEntry. */
export interface ReadOnlyEntryProps {
  id: string;
  raw: string;
  error: { message: string; line?: number; column?: number };
}

/** A file Folio cannot parse: shown as it is, with the error and its line, never editable or rewritten. */
export function ReadOnlyEntry({ id, raw, error }: ReadOnlyEntryProps) {
  const lines = raw.split('\n');
  const where = error.line
    ? `line ${error.line}${error.column ? `, column ${error.column}` : ''}`
    : null;
  return (
    <div className="readonly">
      <h1 className="editor-title">{id}</h1>
      <div className="banner banner-error" role="alert">
        <h2>Folio cannot read this file, so it opens read-only</h2>
        <p>
          {error.message}
          {where && !error.message.includes(`line ${error.line}`) && ` (${where})`}
        </p>
        <p>
          Fix the front matter in the repository (a text editor and a git commit); Folio will not
          rewrite a file it cannot parse.
        </p>
        <p>
          <Link to={entryHistoryRoute(id)}>See its history</Link>
        </p>
      </div>
      <pre className="raw-file" aria-label={`Contents of ${id}`}>
        {lines.map((line, index) => (
          <span
            key={index}
            className={error.line === index + 1 ? 'raw-line is-error' : 'raw-line'}
            aria-current={error.line === index + 1 ? 'true' : undefined}
          >
            <span className="raw-no" aria-hidden="true">
              {index + 1}
            </span>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
    </div>
  );
}
