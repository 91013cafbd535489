import { z } from 'zod';
import type { CreateEntryRequest, FrontMatter } from './contract.ts';

/** What the server plans a new entry from: the create request, and whether it must be a draft. */
export type NewEntryRequest = CreateEntryRequest & {
  bundle?: boolean;
  /** Whoever may not publish creates drafts: `draft: true` whatever the template says. */
  forceDraft?: boolean;
};

/** GET /api/collections/{name}/new query: what the editor typed so far in the new post dialog. */
export const NewEntryPreviewQuerySchema = z.object({
  title: z.string().trim().max(300).optional(),
  slug: z.string().trim().max(200).optional(),
  lang: z.string().max(20).optional(),
  utcOffsetMinutes: z.coerce.number().int().min(-840).max(840).optional(),
});
export type NewEntryPreviewQuery = z.infer<typeof NewEntryPreviewQuerySchema>;

/** A new entry as POST /api/entries would create it now (its dates are those of this moment). */
export interface NewEntryPlan {
  /** Repository path of the file that will be created. */
  path: string;
  slug: string;
  format: 'yaml' | 'toml' | 'json';
  frontMatter: FrontMatter;
  body: string;
  /** Where the content comes from: the request's own front matter, the declared fields, an archetype, or the keys the collection's posts share. */
  source: 'request' | 'declared' | 'archetype' | 'common';
  /** The archetype used (`archetypes/posts.md`), or null. */
  archetype: string | null;
  /** What Folio could not do as Hugo would (template actions it left empty...). */
  notes: string[];
}
