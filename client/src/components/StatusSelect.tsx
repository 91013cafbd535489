import { STATUSES, STATUS_LABELS, parseStatusList } from '../lib/entryStatus.ts';

// Choices beyond one status: the ones editors ask for ("what is not live?").
const GROUPS: { value: string; label: string }[] = [
  { value: 'draft,scheduled', label: 'Not live yet (drafts and scheduled)' },
  { value: 'draft,scheduled,expired', label: 'Not live (all but published)' },
];

/** Props of StatusSelect. */
export interface StatusSelectProps {
  id: string;
  /** Comma-separated statuses, as the URL keeps them. */
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

/** The status filter: any, one status, or a group of them (a combination from a URL is shown as is). */
export function StatusSelect({ id, value, onChange }: StatusSelectProps) {
  const chosen = parseStatusList(value);
  const normalized = chosen ? STATUSES.filter((s) => chosen.includes(s)) : [];
  const key = chosen
    ? (GROUPS.find((g) => sameSet(g.value.split(','), normalized))?.value ?? normalized.join(','))
    : '';
  const custom =
    chosen && chosen.length > 1 && !GROUPS.some((g) => g.value === key)
      ? { value: key, label: normalized.map((s) => STATUS_LABELS[s]).join(' or ') }
      : null;
  return (
    <select id={id} value={key} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">Any status</option>
      {STATUSES.map((s) => (
        <option key={s} value={s}>
          {STATUS_LABELS[s]}
        </option>
      ))}
      {GROUPS.map((g) => (
        <option key={g.value} value={g.value}>
          {g.label}
        </option>
      ))}
      {custom && <option value={custom.value}>{custom.label}</option>}
    </select>
  );
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
