import { z } from 'zod';
import { FrontMatterSchema, OidSchema, type WriteResult } from './contract.ts';

/**
 * GET /api/entries/{id}/outside-edit answer: the entry's file in the working tree against HEAD.
 * `clean` when they are the same; otherwise both texts, for a diff, and the blob ids a resolution
 * sends back (so that a file edited again meanwhile is not committed unseen).
 */
export interface OutsideEdit {
  id: string;
  clean: boolean;
  /** The entry's blob at HEAD (the `baseOid` of a resolution). */
  baseOid: string;
  /** The working tree file's blob id, or null when the file is gone from the working tree. */
  workingOid: string | null;
  /** The file at HEAD, as text. */
  head: string;
  /** The file in the working tree, as text (null when gone or not UTF-8). */
  working: string | null;
  /** Why Folio cannot resolve it (then only git can), absent when it can. */
  blocked?: string;
}

/** POST /api/entries/{id}/outside-edit body: keep their edit, or keep it in history and save mine on top. */
export const ResolveOutsideEditRequestSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('keep-theirs'),
    baseOid: OidSchema,
    workingOid: OidSchema,
    message: z.string().trim().max(2000).optional(),
  }),
  z.object({
    action: z.literal('save-mine'),
    baseOid: OidSchema,
    workingOid: OidSchema,
    frontMatter: FrontMatterSchema,
    body: z.string(),
    message: z.string().trim().max(2000).optional(),
  }),
]);
export type ResolveOutsideEditRequest = z.infer<typeof ResolveOutsideEditRequestSchema>;

/** POST /api/entries/{id}/outside-edit answer: the commit of their edit, and (save-mine) the one of mine. */
export interface ResolveOutsideEditResult {
  theirs: WriteResult;
  mine?: WriteResult;
}
