import { useCallback, useState } from 'react';
import type { JsonValue } from '../../../shared/api/contract.ts';
import type { EntryDoc } from '../lib/autosave.ts';

/** The editor's working copy of an entry and the edits the form and the body make to it. */
export interface DraftEdits {
  draft: EntryDoc;
  /** Changes with each replace, so the form drops the inputs' own state (raw JSON being typed). */
  formKey: number;
  /** Keys whose raw input holds text that is not a value yet. */
  invalidRaw: ReadonlySet<string>;
  onFieldChange: (key: string, value: JsonValue) => void;
  onFieldRemove: (key: string) => void;
  onValidity: (key: string, valid: boolean) => void;
  onBodyChange: (body: string) => void;
  /** Puts a whole other version in the editor (a restored autosave, a merge, the saved one). */
  replace: (doc: EntryDoc) => void;
}

/** The working copy of an entry, started from `initial`, with stable change handlers. */
export function useDraftEdits(initial: () => EntryDoc): DraftEdits {
  const [draft, setDraft] = useState<EntryDoc>(initial);
  const [formKey, setFormKey] = useState(0);
  const [invalidRaw, setInvalidRaw] = useState<ReadonlySet<string>>(() => new Set());
  const onFieldChange = useCallback((key: string, value: JsonValue) => {
    setDraft((current) => ({ ...current, frontMatter: { ...current.frontMatter, [key]: value } }));
  }, []);
  const onFieldRemove = useCallback((key: string) => {
    setDraft((current) => ({
      ...current,
      frontMatter: Object.fromEntries(
        Object.entries(current.frontMatter).filter(([k]) => k !== key),
      ),
    }));
  }, []);
  const onValidity = useCallback((key: string, valid: boolean) => {
    setInvalidRaw((current) => {
      if (valid === !current.has(key)) return current;
      const next = new Set(current);
      if (valid) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  const onBodyChange = useCallback(
    (body: string) => setDraft((current) => ({ ...current, body })),
    [],
  );
  const replace = useCallback((doc: EntryDoc) => {
    setDraft(doc);
    setInvalidRaw(new Set());
    setFormKey((key) => key + 1);
  }, []);
  return {
    draft,
    formKey,
    invalidRaw,
    onFieldChange,
    onFieldRemove,
    onValidity,
    onBodyChange,
    replace,
  };
}
