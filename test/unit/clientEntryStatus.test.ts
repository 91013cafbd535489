import { describe, expect, it } from 'vitest';
import { filtersFromParams, filtersToParams } from '../../client/src/api/entryFilters.ts';
import { describeStatus, parseStatusList } from '../../client/src/lib/entryStatus.ts';

describe('the client side of entry status', () => {
  it('keeps only known statuses from a URL, once each', () => {
    expect(parseStatusList('draft,bogus,scheduled,draft')).toEqual(['draft', 'scheduled']);
    expect(parseStatusList('bogus')).toBeUndefined();
    expect(parseStatusList('')).toBeUndefined();
    const filters = filtersFromParams(new URLSearchParams('status=expired,nope&tag=go'));
    expect(filters.status).toBe('expired');
    expect(filtersToParams(filters).toString()).toBe('tag=go&status=expired');
  });

  it("says when, in the site's clock time", () => {
    // The reader's offset at that instant decides whether the site's offset is added.
    const text = describeStatus('scheduled', '2027-01-12T09:00:00+01:00');
    expect(text).toMatch(/^Scheduled for .*2027.*09:00/);
    const readerOffset = -new Date('2027-01-12T08:00:00Z').getTimezoneOffset();
    expect(text.endsWith('(UTC+01:00)')).toBe(readerOffset !== 60);
    expect(describeStatus('expired')).toBe('Expired');
    expect(describeStatus('draft')).toMatch(/^Draft/);
  });
});
