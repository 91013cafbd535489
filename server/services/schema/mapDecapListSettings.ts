import { slugify } from '../../../shared/slugify.ts';
import type { SchemaProblem, ViewFilter } from '../../../shared/schema/siteSchema.ts';
import { parseSummaryTemplate } from '../../../shared/schema/summaryTemplate.ts';
import { isRaw } from './mapDecapField.ts';

/** Decap's `summary`: the list's row title, with each placeholder or filter Folio cannot render reported. */
export function mapSummary(
  raw: unknown,
  at: string,
  problems: SchemaProblem[],
): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') {
    problems.push({
      path: `${at}.summary`,
      message: 'summary is not a text: rows show their titles.',
    });
    return undefined;
  }
  for (const message of parseSummaryTemplate(raw).problems)
    problems.push({ path: `${at}.summary`, message });
  return raw;
}

/** Decap's `view_filters` (a list, or Decap 3.1's `{filters, default}`): preset filters of the list. */
export function mapViewFilters(
  raw: unknown,
  at: string,
  problems: SchemaProblem[],
): ViewFilter[] | undefined {
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw)
    ? raw
    : isRaw(raw) && Array.isArray(raw.filters)
      ? raw.filters
      : null;
  if (!list) {
    problems.push({
      path: `${at}.view_filters`,
      message: 'view_filters is not a list of {label, field, pattern}: the list offers no presets.',
    });
    return undefined;
  }
  if (isRaw(raw) && raw.default !== undefined)
    problems.push({
      path: `${at}.view_filters.default`,
      message: 'A preset filter applied by default is not built: the list opens unfiltered.',
    });
  const filters: ViewFilter[] = [];
  list.forEach((item, i) => {
    const where = `${at}.view_filters.${i}`;
    if (
      !isRaw(item) ||
      typeof item.label !== 'string' ||
      typeof item.field !== 'string' ||
      !['string', 'number', 'boolean'].includes(typeof item.pattern)
    ) {
      problems.push({
        path: where,
        message: 'A view filter needs label, field and pattern: left out.',
      });
      return;
    }
    const pattern = item.pattern as ViewFilter['pattern'];
    if (item.field.includes('.')) {
      problems.push({
        path: where,
        message: `"${item.label}" filters on ${item.field}, a nested key: the list filters on top-level keys only; left out.`,
      });
      return;
    }
    if (typeof pattern === 'string') {
      try {
        new RegExp(pattern);
      } catch {
        problems.push({
          path: where,
          message: `"${item.label}": ${pattern} is not a regular expression; left out.`,
        });
        return;
      }
    }
    const base = typeof item.name === 'string' && item.name ? item.name : item.label;
    let id = slugify(base).slice(0, 60) || `filter-${i + 1}`;
    while (filters.some((f) => f.id === id)) id = `${id}-${i + 1}`;
    filters.push({ id, label: item.label, field: item.field, pattern });
  });
  return filters.length ? filters : undefined;
}
