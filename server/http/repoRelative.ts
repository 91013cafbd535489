import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';

/** Where a repository lives on disk: its working tree (null when bare), git directory and common git directory. */
export interface RepoDirs {
  dir: string | null;
  gitdir: string;
  commonDir: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function withRealPath(path: string): string[] {
  try {
    const real = realpathSync(path);
    return real === path ? [path] : [path, real];
  } catch {
    return [path];
  }
}

/**
 * A function that rewrites the repository's absolute paths inside a text to repository-relative
 * ones (`/srv/site/.git/index.lock` -> `.git/index.lock`; in a bare repository, relative to it),
 * so that answers never tell a client where Folio's files are on the server.
 */
export function repoRelativizer(dirs: RepoDirs): (text: string) => string {
  const shownGitDir = dirs.dir === null ? '' : '.git/';
  const roots = new Map<string, string>();
  for (const path of withRealPath(dirs.commonDir)) roots.set(path, shownGitDir);
  if (dirs.gitdir !== dirs.commonDir) {
    // A linked worktree's git directory is `<common>/worktrees/<name>`.
    const inside = relative(dirs.commonDir, dirs.gitdir);
    const shown = inside.startsWith('..')
      ? `${shownGitDir}`
      : `${shownGitDir}${inside.split(sep).join('/')}/`;
    for (const path of withRealPath(dirs.gitdir)) roots.set(path, shown);
  }
  if (dirs.dir !== null) for (const path of withRealPath(dirs.dir)) roots.set(path, '');
  const ordered = [...roots].sort(([a], [b]) => b.length - a.length);
  // A root followed by a separator, or standing alone (end of text, space, quote, punctuation).
  const pattern = new RegExp(
    ordered.map(([root]) => `(${escapeRegExp(root)})(?:[\\\\/]|(?=$|[\\s"'\`:;,)]))`).join('|'),
    'g',
  );
  return (text) =>
    text.replace(pattern, (match, ...groups: unknown[]) => {
      const index = groups.findIndex((group) => typeof group === 'string');
      const shown = ordered[index]![1];
      const alone = !/[\\/]$/.test(match);
      if (!alone) return shown;
      return shown === '' ? '.' : shown.replace(/\/$/, '');
    });
}

/**
 * Applies `rewrite` to the strings of an error's details, returning a copy; an entry's content
 * (`current`, sent with a stale conflict) is the editor's text and is passed on untouched.
 */
export function rewriteStrings(
  value: unknown,
  rewrite: (text: string) => string,
  depth = 0,
): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (typeof value !== 'object' || value === null || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => rewriteStrings(item, rewrite, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    out[key] = key === 'current' ? item : rewriteStrings(item, rewrite, depth + 1);
  return out;
}
