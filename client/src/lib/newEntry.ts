import type { Collection, FrontMatter } from '../../../shared/api/contract.ts';
import { nowWithOffset } from './dateTime.ts';

/** Front matter of a new post: title, date now, a draft, and every other known field at its empty default. */
export function newEntryFrontMatter(
  title: string,
  collection: Collection | undefined,
  now = new Date(),
): FrontMatter {
  const frontMatter: FrontMatter = { title, date: nowWithOffset(now), draft: true };
  for (const field of collection?.fields ?? []) {
    if (field.name in frontMatter) continue;
    if (field.kind === 'boolean') frontMatter[field.name] = false;
    else if (field.kind === 'tags') frontMatter[field.name] = [];
  }
  return frontMatter;
}
