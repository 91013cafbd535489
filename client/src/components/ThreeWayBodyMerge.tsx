import { useId } from 'react';
import {
  chunkLines,
  editStart,
  resolveMerge,
  type ConflictChoice,
  type MergeChunk,
} from '../lib/merge3.ts';
import { markChangedWords, type MarkedLines } from '../lib/wordMarks.ts';
import '../styles/merge3.css';

/** Props of ThreeWayBodyMerge. */
export interface ThreeWayBodyMergeProps {
  chunks: MergeChunk[];
  /** The choice of each conflict, by its index among the conflicts. */
  choices: (ConflictChoice | undefined)[];
  onChoose: (conflict: number, choice: ConflictChoice) => void;
}

/** Unchanged lines kept around a change; longer unchanged runs are folded. */
const CONTEXT = 2;

/** Lines as a block of text, each its own line; with `marked`, the words that changed marked inside them. */
function Lines({
  lines,
  className,
  marked,
}: {
  lines: string[];
  className: string;
  /** The same lines as runs of words, from markChangedWords; the changed ones are `<ins>`/`<del>`. */
  marked?: { lines: MarkedLines; as: 'ins' | 'del' } | null;
}) {
  if (lines.length === 0) return <p className="m3-none">(no lines)</p>;
  if (marked) {
    const Mark = marked.as;
    return (
      <pre className={`m3-lines ${className} has-word-marks`}>
        {marked.lines.map((runs, i) => (
          <span key={i} className="m3-line">
            {runs.length === 0
              ? '\u00a0'
              : runs.map((run, j) =>
                  run.changed ? (
                    <Mark key={j} className={`m3-word m3-word-${marked.as}`}>
                      {run.text}
                    </Mark>
                  ) : (
                    run.text
                  ),
                )}
          </span>
        ))}
      </pre>
    );
  }
  return (
    <pre className={`m3-lines ${className}`}>
      {lines.map((line, i) => (
        <span key={i} className="m3-line">
          {line.replace(/\r?\n$/, '') || '\u00a0'}
        </span>
      ))}
    </pre>
  );
}

/** An unchanged stretch: its first and last lines around changes, the middle folded. */
function Unchanged({ lines, first, last }: { lines: string[]; first: boolean; last: boolean }) {
  const head = first ? [] : lines.slice(0, CONTEXT);
  const tail = last ? [] : lines.slice(Math.max(head.length, lines.length - CONTEXT));
  const folded = lines.length - head.length - tail.length;
  return (
    <div className="m3-chunk m3-same">
      {head.length > 0 && <Lines lines={head} className="m3-context" />}
      {folded > 0 && (
        <p className="m3-fold">
          {folded} unchanged {folded === 1 ? 'line' : 'lines'}
        </p>
      )}
      {tail.length > 0 && <Lines lines={tail} className="m3-context" />}
    </div>
  );
}

/** One side's change to the base, kept automatically: the base's lines it replaced and its own. */
function OneSided({ chunk, who }: { chunk: MergeChunk; who: 'theirs' | 'mine' | 'agreed' }) {
  const label = {
    theirs: 'Their change: only they changed these lines, so it is kept',
    mine: 'Your change: only you changed these lines, so it is kept',
    agreed: 'You both made this same change: kept',
  }[who];
  const lines = chunkLines(chunk, who === 'agreed' ? 'theirs' : who);
  const words = markChangedWords(chunk.base, lines);
  return (
    <div className={`m3-chunk m3-${who}`} role="group" aria-label={label}>
      <p className="m3-label">{label}</p>
      {chunk.base.length > 0 && (
        <Lines
          lines={chunk.base}
          className="m3-was"
          marked={words && { lines: words.from, as: 'del' }}
        />
      )}
      <Lines lines={lines} className="m3-now" marked={words && { lines: words.to, as: 'ins' }} />
    </div>
  );
}

const CHOICES: { take: ConflictChoice['take']; label: string }[] = [
  { take: 'theirs', label: 'Keep theirs' },
  { take: 'mine', label: 'Keep mine' },
  { take: 'both', label: 'Both (theirs, then mine)' },
  { take: 'edit', label: 'Edit…' },
];

/** A real conflict: base, theirs and mine side by side, and the choice for it. */
function Conflict({
  chunk,
  index,
  total,
  choice,
  onChoose,
}: {
  chunk: Extract<MergeChunk, { kind: 'conflict' }>;
  index: number;
  total: number;
  choice: ConflictChoice | undefined;
  onChoose: (choice: ConflictChoice) => void;
}) {
  const id = useId();
  const name = `Conflict ${index + 1} of ${total}`;
  // Each side's words against the base, so that a one-word change in a long line stands out.
  const theirWords = markChangedWords(chunk.base, chunk.theirs);
  const myWords = markChangedWords(chunk.base, chunk.mine);
  return (
    <fieldset className={`m3-chunk m3-conflict${choice ? ' is-settled' : ''}`}>
      <legend>
        {name}: you both changed these lines{choice ? '' : ' — choose'}
      </legend>
      <div className="m3-columns">
        <div>
          <p className="m3-side">Base (before both)</p>
          <Lines lines={chunk.base} className="m3-was" />
        </div>
        <div>
          <p className="m3-side m3-side-theirs">Theirs</p>
          <Lines
            lines={chunk.theirs}
            className="m3-theirs-lines"
            marked={theirWords && { lines: theirWords.to, as: 'ins' }}
          />
        </div>
        <div>
          <p className="m3-side m3-side-mine">Yours</p>
          <Lines
            lines={chunk.mine}
            className="m3-mine-lines"
            marked={myWords && { lines: myWords.to, as: 'ins' }}
          />
        </div>
      </div>
      <div className="merge-choices" role="radiogroup" aria-label={`Version of ${name}`}>
        {CHOICES.map(({ take, label }) => (
          <label key={take} className="merge-choice">
            <input
              type="radio"
              name={id}
              checked={choice?.take === take}
              onChange={() =>
                onChoose(
                  take === 'edit' ? { take, text: editStart(chunk) } : ({ take } as ConflictChoice),
                )
              }
            />
            {label}
          </label>
        ))}
      </div>
      {choice?.take === 'edit' && (
        <label className="m3-edit">
          Your text for {name.toLowerCase()}
          <textarea
            value={choice.text}
            rows={Math.min(12, Math.max(3, choice.text.split('\n').length + 1))}
            onChange={(event) => onChoose({ take: 'edit', text: event.target.value })}
          />
        </label>
      )}
    </fieldset>
  );
}

/**
 * The body as a three-way merge: each change marked as theirs or yours (kept automatically when
 * only one side made it), and each real conflict with base, theirs and yours and a choice.
 */
export function ThreeWayBodyMerge({ chunks, choices, onChoose }: ThreeWayBodyMergeProps) {
  const total = chunks.filter((chunk) => chunk.kind === 'conflict').length;
  let conflict = 0;
  return (
    <div className="m3">
      <p className="m3-legend">
        <span className="m3-key m3-key-theirs">Theirs</span>
        <span className="m3-key m3-key-mine">Yours</span>
        <span className="m3-key m3-key-conflict">Conflict</span>
        Lines struck through are the base, the version you both started from.
      </p>
      {chunks.map((chunk, i) => {
        if (chunk.kind === 'same')
          return (
            <Unchanged key={i} lines={chunk.base} first={i === 0} last={i === chunks.length - 1} />
          );
        if (chunk.kind !== 'conflict') return <OneSided key={i} chunk={chunk} who={chunk.kind} />;
        const index = conflict++;
        return (
          <Conflict
            key={i}
            chunk={chunk}
            index={index}
            total={total}
            choice={choices[index]}
            onChoose={(choice) => onChoose(index, choice)}
          />
        );
      })}
    </div>
  );
}

/** The merged body as Save merge will commit it, with each conflict not yet chosen marked in place. */
export function MergedBodyPreview({
  chunks,
  choices,
}: {
  chunks: MergeChunk[];
  choices: (ConflictChoice | undefined)[];
}) {
  let conflict = 0;
  return (
    <section className="m3-preview" aria-label="Merged body (preview)">
      <h4 className="m3-label">Merged body, as Save merge will commit it</h4>
      <pre>
        {chunks.map((chunk, i) => {
          if (chunk.kind !== 'conflict')
            return chunkLines(chunk, chunk.kind === 'theirs' ? 'theirs' : 'mine').join('');
          const index = conflict++;
          const choice = choices[index];
          if (!choice)
            return (
              <mark key={i} className="m3-pending">
                {`[Conflict ${index + 1}: not chosen yet]\n`}
              </mark>
            );
          return resolveMerge([chunk], [choice]);
        })}
      </pre>
    </section>
  );
}
