import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { Collection, Entry } from '../../../shared/api/contract.ts';
import { currentVersionAfterConflict, isStaleConflict } from '../api/conflict.ts';
import { updateEntry } from '../api/endpoints.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { sessionQuery } from '../api/queries.ts';
import { useAutosave } from '../hooks/useAutosave.ts';
import { useDraftEdits } from '../hooks/useDraftEdits.ts';
import { useConflictedSaveResolution, type ConflictedOpening } from '../hooks/useConflictedSave.ts';
import { useAutosaveOffer } from '../hooks/useAutosaveOffer.ts';
import { useLeaveGuard } from '../hooks/useLeaveGuard.ts';
import { useMediaQuery } from '../hooks/useMediaQuery.ts';
import { useResumedDraft } from '../hooks/useResumedDraft.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { useSaveShortcut } from '../hooks/useSaveShortcut.ts';
import { removeDraft, type EntryDoc } from '../lib/autosave.ts';
import { changedKeys, docEqual, docOf, invalidDateKeys } from '../lib/entryDoc.ts';
import { shortOid } from '../lib/format.ts';
import { noteUnsaved } from '../lib/sessionEnd.ts';
import { useEntryImages } from '../hooks/useEntryImages.ts';
import { AutosaveOffer } from './AutosaveOffer.tsx';
import { BundleButton } from './BundleButton.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ConflictedSaveNotice } from './ConflictedSaveNotice.tsx';
import { ConflictView } from './ConflictView.tsx';
import { EditorNotices } from './EditorNotices.tsx';
import { EditorTabs, type EditorTab } from './EditorTabs.tsx';
import { EntryActions } from './EntryActions.tsx';
import { EditorToolbar } from './EditorToolbar.tsx';
import { FrontMatterForm } from './FrontMatterForm.tsx';
import { useFieldIssues } from '../hooks/useFieldIssues.ts';
import { MarkdownEditor } from './MarkdownEditor.tsx';
import { TranslationSwitch } from './TranslationSwitch.tsx';
import { translationFieldRules } from '../lib/translationFields.ts';
import { OutsideEditPanel } from './OutsideEditPanel.tsx';
import { SkipToBody } from './SkipToBody.tsx';

interface SaveVariables {
  doc: EntryDoc;
  /** The version `doc` was edited from, for a later merge. */
  base: EntryDoc;
  baseOid: string;
  message: string;
  /** Autosave keys made obsolete once this save lands. */
  obsoleteOids: string[];
}

interface Conflict {
  theirs: Entry;
  base: EntryDoc | null;
  /** Raised by restoring an autosave made on an older version (rather than by a 409). */
  fromAutosave: boolean;
  /** The older version that autosave was made on. */
  staleOid?: string;
}

/** The editing session of one entry: form + Markdown, save with conflict handling, autosave and leave guard. */
export function EntryEditor({
  entry,
  collection,
  readOnly = null,
  conflicted = null,
}: {
  entry: Entry;
  collection: Collection | undefined;
  /** Why this user may only read the entry (the editor shows it, with no Save); null: editable. */
  readOnly?: string | null;
  /** Open on the conflict of a conflicted save's version of this post (from the list of them). */
  conflicted?: ConflictedOpening | null;
}) {
  const bodyId = useId();
  const queryClient = useQueryClient();
  // The session AppShell already holds (no refetch here): drafts are kept per editor.
  const user = useQuery({ ...sessionQuery, staleTime: Infinity }).data?.user.username ?? null;
  // Back from signing in again after the session ended: the interrupted edits come back at once.
  const resumed = useResumedDraft(user, entry.id, entry.oid);
  const [saved, setSaved] = useState(() => ({ doc: docOf(entry), oid: entry.oid }));
  const edits = useDraftEdits(() => conflicted?.yours ?? resumed?.doc ?? docOf(entry));
  const { draft, replace: replaceDraft } = edits;
  const [message, setMessage] = useState(resumed?.message ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const [welcomeBack, setWelcomeBack] = useState(resumed !== null);
  const [conflict, setConflict] = useState<Conflict | null>(() =>
    conflicted ? { theirs: entry, base: conflicted.base, fromAutosave: false } : null,
  );
  // The next save of this post resolves the conflicted save's version of it.
  const [resolving, setResolving] = useState(conflicted !== null);
  const resolution = useConflictedSaveResolution(conflicted?.save ?? null);
  // On a phone the form and the body are tabs, so the body is not below the whole form.
  const narrow = useMediaQuery('(max-width: 760px)');
  const [tab, setTab] = useState<EditorTab>('fields');
  const offer = useAutosaveOffer(user, entry.id, entry.oid, saved.doc, resumed !== null);

  const dirty = !docEqual(draft, saved.doc);
  const changed = useMemo(() => changedKeys(saved.doc, draft), [saved.doc, draft]);
  const badKeys = [...edits.invalidRaw]
    .filter((key) => key in draft.frontMatter)
    .concat(invalidDateKeys(draft, collection));
  const autosave = useAutosave({
    user,
    id: entry.id,
    baseOid: saved.oid,
    doc: draft,
    message,
    dirty,
    enabled: !offer.offer && !conflict,
  });
  const blocker = useLeaveGuard(dirty);
  const images = useEntryImages(entry, readOnly === null);

  const save = useMutation({
    mutationFn: (vars: SaveVariables) =>
      updateEntry(entry.id, {
        frontMatter: vars.doc.frontMatter,
        body: vars.doc.body,
        baseOid: vars.baseOid,
        message: vars.message.trim() || undefined,
      }),
    onSuccess: (result, vars) => {
      autosave.cancelPending();
      if (user !== null)
        for (const oid of [vars.baseOid, ...vars.obsoleteOids]) removeDraft(user, entry.id, oid);
      setSaved({ doc: vars.doc, oid: result.oid ?? vars.baseOid });
      setMessage((current) => (current === vars.message ? '' : current));
      setConflict(null);
      setWelcomeBack(false);
      setNotice(
        result.changed && result.commit
          ? `Saved as commit ${shortOid(result.commit)}` +
              // Committed here, not yet on the remote the site is built from (see the header).
              (result.sync === 'pending' ? ', waiting to be sent to the remote' : '')
          : 'Nothing changed: no commit made',
      );
      invalidateAfterCommit(queryClient, entry.id);
      if (resolving) {
        setResolving(false);
        void resolution.resolved(entry.id);
      }
    },
    onError: async (err, vars) => {
      if (!isStaleConflict(err)) return;
      const theirs = await currentVersionAfterConflict(err, entry.id).catch(() => null);
      if (theirs) setConflict({ theirs, base: vars.base, fromAutosave: false });
    },
  });

  const checked = useFieldIssues(collection, saved.doc.frontMatter, draft.frontMatter, save.error);
  const translationRules = translationFieldRules(entry, collection);
  const blockedReason = badKeys.length
    ? `Fix the value of ${badKeys.join(', ')} before saving.`
    : checked.blockedReason;
  const handleSave = useCallback(() => {
    if (readOnly || save.isPending || conflict || blockedReason) return;
    if (!dirty) {
      setNotice('Nothing to save');
      return;
    }
    save.mutate({ doc: draft, base: saved.doc, baseOid: saved.oid, message, obsoleteOids: [] });
  }, [readOnly, save, conflict, blockedReason, dirty, draft, saved, message]);
  useSaveShortcut(handleSave);

  const handleRestoreOffer = () => {
    if (!offer.offer) return;
    replaceDraft(offer.offer.doc);
    setMessage(offer.offer.message);
    if (offer.stale) {
      setConflict({
        theirs: { ...entry, ...saved.doc, oid: saved.oid },
        base: null,
        fromAutosave: true,
        staleOid: offer.offer.baseOid,
      });
    }
    offer.close();
  };
  const handleSaveMerge = (merged: EntryDoc, theirsOid: string) => {
    if (!conflict) return;
    const theirsDoc = docOf(conflict.theirs);
    const obsolete = conflict.staleOid ? [saved.oid, conflict.staleOid] : [saved.oid];
    setSaved({ doc: theirsDoc, oid: theirsOid });
    replaceDraft(merged);
    save.mutate({
      doc: merged,
      base: theirsDoc,
      baseOid: theirsOid,
      message,
      obsoleteOids: obsolete,
    });
  };
  const handleCancelConflict = () => {
    if (conflict?.fromAutosave) replaceDraft(saved.doc); // the old draft stays kept and is offered again next time
    setConflict(null);
  };

  const title = typeof draft.frontMatter.title === 'string' ? draft.frontMatter.title : '';
  useEffect(() => {
    noteUnsaved(entry.id, dirty ? title || entry.id : null);
    return () => noteUnsaved(entry.id, null);
  }, [entry.id, dirty, title]);
  usePageTitle(`${dirty ? '• ' : ''}Edit: ${title || entry.id.split('/').pop()}`);
  return (
    <div className="editor-page">
      <EditorToolbar
        id={entry.id}
        title={title}
        dirty={dirty}
        saving={save.isPending}
        canSave={!conflict && !blockedReason}
        blockedReason={blockedReason}
        message={message}
        notice={notice}
        onMessageChange={setMessage}
        onSave={handleSave}
        readOnly={readOnly !== null}
        actions={
          <EntryActions entry={entry} collection={collection} oid={saved.oid} dirty={dirty} />
        }
      />
      <TranslationSwitch entry={entry} />
      <EditorNotices
        entryId={entry.id}
        readOnly={readOnly}
        welcomeBack={welcomeBack}
        saveError={save.error}
        autosaveFailed={autosave.failed}
      />
      {offer.offer && (
        <AutosaveOffer
          draft={offer.offer}
          saved={saved.doc}
          stale={offer.stale}
          onRestore={handleRestoreOffer}
          onDiscard={offer.discard}
        />
      )}
      <OutsideEditPanel
        entry={entry}
        savedOid={saved.oid}
        draft={draft}
        dirty={dirty}
        message={message}
        canResolve={readOnly === null}
        saveError={save.error}
      />
      {conflicted && (
        <ConflictedSaveNotice
          state={resolution.state}
          subject={conflicted.save.subject}
          onRetry={() => void resolution.retry()}
          busy={resolution.dropping}
        />
      )}
      {conflict ? (
        <ConflictView
          id={entry.id}
          base={conflict.base}
          theirs={conflict.theirs}
          mine={draft}
          saving={save.isPending}
          onSaveMerge={handleSaveMerge}
          onCancel={handleCancelConflict}
          conflictedSave={resolving ? conflicted?.save : undefined}
        />
      ) : (
        <div className={`editor-grid${entry.dataFile ? ' is-data-file' : ''}`}>
          {!entry.dataFile && (
            <SkipToBody
              bodyId={bodyId}
              onReveal={() => setTab((t) => (t === 'fields' ? 'body' : t))}
            />
          )}
          {narrow && !entry.dataFile && <EditorTabs id={bodyId} current={tab} onChange={setTab} />}
          <section
            className="editor-fm"
            aria-labelledby={`${bodyId}-fm`}
            id={`${bodyId}-panel-fields`}
            role={narrow && !entry.dataFile ? 'tabpanel' : undefined}
            hidden={narrow && tab !== 'fields' && !entry.dataFile}
          >
            <h2 id={`${bodyId}-fm`} className="section-title">
              {entry.dataFile ? 'Values' : 'Front matter'}{' '}
              <span className="muted">({entry.format})</span>
            </h2>
            <fieldset className="editor-fieldset" disabled={readOnly !== null}>
              <FrontMatterForm
                key={edits.formKey}
                frontMatter={draft.frontMatter}
                collection={collection}
                changedKeys={changed}
                onChange={edits.onFieldChange}
                onRemove={edits.onFieldRemove}
                onValidity={edits.onValidity}
                issues={checked.issues}
                comments={entry.comments}
                lockedKeys={{
                  ...translationRules?.locked,
                  ...(entry.can && !entry.can.publish && entry.frontMatter.draft !== undefined
                    ? { draft: 'Only an editor can publish: ask an editor to publish this post.' }
                    : {}),
                }}
                originalOnly={
                  translationRules
                    ? {
                        keys: translationRules.hidden,
                        labels: translationRules.hiddenLabels,
                        language: translationRules.original,
                      }
                    : undefined
                }
              />
            </fieldset>
          </section>
          {!entry.dataFile && (
            <section
              className="editor-body"
              aria-labelledby={`${bodyId}-label`}
              id={`${bodyId}-panel-body`}
              role={narrow ? 'tabpanel' : undefined}
              hidden={narrow && tab === 'fields'}
            >
              <h2 id={`${bodyId}-label`} className="section-title">
                Body
              </h2>
              <fieldset className="editor-fieldset" disabled={readOnly !== null}>
                <MarkdownEditor
                  id={bodyId}
                  value={draft.body}
                  onChange={edits.onBodyChange}
                  mode={narrow ? (tab === 'preview' ? 'preview' : 'edit') : 'live'}
                  entryId={entry.id}
                  images={images}
                  tools={images && <BundleButton entry={entry} oid={saved.oid} dirty={dirty} />}
                />
              </fieldset>
            </section>
          )}
        </div>
      )}
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Leave without saving?"
        confirmLabel="Leave"
        cancelLabel="Stay and keep editing"
        danger
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p>
          Your changes to “{title}” are not committed. This browser keeps a copy and offers it back
          when you open the post again.
        </p>
      </ConfirmDialog>
    </div>
  );
}
