import { isHugoDateKey } from '../../../shared/frontmatter/hugoDateKeys.ts';
import type { FrontMatterData } from '../../../shared/frontmatter/index.ts';
import { parseDateText } from './dateText.ts';

// A custom key a `[frontmatter]` list may name must look like an ISO date to be kept.
const ISO_START = /^\s*\d{4}-\d{2}-\d{2}/;

/**
 * The top-level dates of a front matter, by lowercase key (Hugo's keys are case-insensitive): the
 * ones with an offset as instants, the others as wall-clock times for the site's zone. Any key is
 * kept whose value is an ISO date, so a `[frontmatter]` config naming custom keys can use them.
 */
export function dateStamps(data: FrontMatterData): {
  instants: Record<string, number> | null;
  wallTimes: Record<string, number> | null;
} {
  let instants: Record<string, number> | null = null;
  let wallTimes: Record<string, number> | null = null;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') continue;
    if (!isHugoDateKey(key) && !ISO_START.test(value)) continue;
    const parsed = parseDateText(value);
    if (!parsed) continue;
    const lower = key.toLowerCase();
    if (parsed.floating) (wallTimes ??= {})[lower] ??= parsed.ms;
    else (instants ??= {})[lower] ??= parsed.ms;
  }
  return { instants, wallTimes };
}
