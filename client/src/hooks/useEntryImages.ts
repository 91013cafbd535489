import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Entry } from '../../../shared/api/contract.ts';
import { invalidateAfterCommit } from '../api/entryCache.ts';
import { uploadImage } from '../api/media.ts';
import type { BodyImages } from './useBodyImageUploads.ts';

/** True when the entry is a page bundle (`…/index.md` or `…/_index.md`), whose images go beside it. */
export function isBundleEntry(id: string): boolean {
  return /(^|\/)_?index(\.[a-z-]+)?\.[a-z]+$/i.test(id);
}

/**
 * Image uploads for one entry's editor (each upload is its own commit; the post itself is saved
 * as usual): null when the editor may not change the entry.
 */
export function useEntryImages(entry: Entry, editable: boolean): BodyImages | undefined {
  const queryClient = useQueryClient();
  return useMemo(() => {
    if (!editable) return undefined;
    return {
      destination: isBundleEntry(entry.id)
        ? "into this post's folder (its page bundle)"
        : "into the site's media folder",
      upload: async (file: File) => {
        const result = await uploadImage(file, file.name || 'image', entry.id);
        invalidateAfterCommit(queryClient);
        return result;
      },
    };
  }, [entry.id, editable, queryClient]);
}
