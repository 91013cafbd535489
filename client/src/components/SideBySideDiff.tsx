import type { DiffCell, DiffRow } from '../lib/sideBySide.ts';
import '../styles/diff.css';

/** Props of SideBySideDiff. */
export interface SideBySideDiffProps {
  rows: DiffRow[];
  caption: string;
  leftLabel: string;
  rightLabel: string;
}

/** A two-column line diff: removed lines on the left, added lines on the right, unchanged runs folded. */
export function SideBySideDiff({ rows, caption, leftLabel, rightLabel }: SideBySideDiffProps) {
  if (rows.length === 0) return <p className="muted">The body did not change.</p>;
  return (
    <div className="diff-scroll">
      <table className="diff">
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          <col className="diff-col-no" />
          <col />
          <col className="diff-col-no" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" colSpan={2}>
              {leftLabel}
            </th>
            <th scope="col" colSpan={2}>
              {rightLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) =>
            row.gap ? (
              <tr key={i} className="diff-gap">
                <td colSpan={4}>{row.gap}</td>
              </tr>
            ) : (
              <tr key={i}>
                <Cell cell={row.left} />
                <Cell cell={row.right} />
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

const MARK = { same: '', removed: 'Removed: ', added: 'Added: ' } as const;

function Cell({ cell }: { cell: DiffCell | null }) {
  if (!cell) return <td colSpan={2} className="diff-empty" />;
  return (
    <>
      <td className="diff-no">{cell.no}</td>
      <td className={`diff-text diff-${cell.type}`}>
        {cell.type !== 'same' && <span className="visually-hidden">{MARK[cell.type]}</span>}
        {cell.text || '\u00a0'}
      </td>
    </>
  );
}
