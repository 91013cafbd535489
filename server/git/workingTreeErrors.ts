/** Why a save cannot touch a working-tree file: someone's edits, or a filter Folio cannot run. */

/** Files outside Folio's control stand in the way of a save. */
export class DirtyWorkingTreeError extends Error {
  constructor(readonly problems: { path: string; reason: string }[]) {
    super(
      `Uncommitted changes in the working tree: ${problems.map((p) => `${p.path} (${p.reason})`).join('; ')}. ` +
        'Commit or discard them with git first; Folio will not overwrite them.',
    );
    this.name = 'DirtyWorkingTreeError';
  }
}

/** A file needs a git filter driver (Git LFS or another) to be written, which Folio cannot run. */
export class FilteredFileError extends Error {
  constructor(
    readonly path: string,
    readonly filter: string,
  ) {
    super(
      `${path} goes through the git filter "${filter}"${filter === 'lfs' ? ' (Git LFS)' : ''}, which Folio cannot run: ` +
        "change it with git instead. Folio never writes a filter's stored form where the real file belongs.",
    );
    this.name = 'FilteredFileError';
  }
}
