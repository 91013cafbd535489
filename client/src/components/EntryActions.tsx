import { useEffect, useId, useRef, useState } from 'react';
import type { Collection, Entry } from '../../../shared/api/contract.ts';
import { useAccess } from '../hooks/useAccess.ts';
import { useCollections } from '../hooks/useCollections.ts';
import { DeleteEntryDialog, DuplicateEntryDialog, MoveEntryDialog } from './EntryActionDialogs.tsx';

/** Props of EntryActions. */
export interface EntryActionsProps {
  entry: Entry;
  collection: Collection | undefined;
  /** The version the editor shows (the last save): the base of a delete or a move. */
  oid: string;
  /** Unsaved edits: delete, move and duplicate wait until they are saved (they act on the saved version). */
  dirty: boolean;
}

type Action = 'move' | 'duplicate' | 'delete';

/**
 * The editor's "Actions" menu: move or rename, duplicate, delete, each behind the policy (what the
 * user may not do is not shown; the server refuses anyway) and a dialog naming the paths.
 */
export function EntryActions({ entry, collection, oid, dirty }: EntryActionsProps) {
  const id = useId();
  const access = useAccess();
  const collections = useCollections().data ?? [];
  const [open, setOpen] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const allowed: Record<Action, boolean> = {
    move: entry.can?.move ?? false,
    // A duplicate is a new entry: not offered where the site's schema allows none (create: false).
    duplicate:
      collection?.canCreate !== false &&
      access.can('entry.create', { collection: entry.collection }),
    delete: entry.can?.delete ?? false,
  };
  useEffect(() => {
    if (!open) return;
    const handlePointer = (event: PointerEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const handleKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', handlePointer);
    document.addEventListener('keydown', handleKey);
    return () => {
      document.removeEventListener('pointerdown', handlePointer);
      document.removeEventListener('keydown', handleKey);
    };
  }, [open]);
  if (!allowed.move && !allowed.duplicate && !allowed.delete) return null;

  const choose = (next: Action) => {
    setOpen(false);
    setAction(next);
  };
  const close = () => {
    setAction(null);
    buttonRef.current?.focus();
  };
  const item = (name: Action, label: string) =>
    allowed[name] && (
      <li>
        <button
          type="button"
          className={`entry-actions-item${name === 'delete' ? ' is-danger' : ''}`}
          disabled={dirty}
          onClick={() => choose(name)}
        >
          {label}
        </button>
      </li>
    );
  return (
    <div className="entry-actions" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((current) => !current)}
      >
        Actions <span aria-hidden="true">▾</span>
      </button>
      <div id={`${id}-menu`} className="entry-actions-menu" hidden={!open}>
        {dirty && (
          <p className="entry-actions-note" id={`${id}-note`}>
            Save or undo your edits first: these act on the saved version.
          </p>
        )}
        <ul aria-label="Post actions" aria-describedby={dirty ? `${id}-note` : undefined}>
          {item('move', 'Move or rename…')}
          {item('duplicate', 'Duplicate…')}
          {item('delete', 'Delete…')}
        </ul>
      </div>
      <MoveEntryDialog
        open={action === 'move'}
        entry={entry}
        oid={oid}
        collections={collections}
        onClose={close}
      />
      <DuplicateEntryDialog
        open={action === 'duplicate'}
        entry={entry}
        collection={collection}
        onClose={close}
      />
      <DeleteEntryDialog open={action === 'delete'} entry={entry} oid={oid} onClose={close} />
    </div>
  );
}
