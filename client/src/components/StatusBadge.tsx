import type { EntrySummary } from '../../../shared/api/contract.ts';
import { describeBuiltBy, describeStatus, shownStatus, STATUS_LABELS } from '../lib/entryStatus.ts';

/** What Hugo does with the entry now, as a badge; hovering or a screen reader gives the date. */
export function StatusBadge({ entry }: { entry: EntrySummary }) {
  const status = shownStatus(entry);
  if (!status) return null;
  const built = describeBuiltBy(entry);
  const description = describeStatus(status, entry.statusAt) + (built ? `, ${built}` : '');
  return (
    <span
      className={`badge badge-status is-${status}${built ? ' is-built' : ''}`}
      title={description}
    >
      <span aria-hidden="true">
        {STATUS_LABELS[status]}
        {built && ' · built'}
      </span>
      <span className="visually-hidden">{description}</span>
    </span>
  );
}
