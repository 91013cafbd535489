// `npm run bench:varied`: only the bench's second corpus (scripts/bench/variedBench.ts), for work on
// its figures without the rest of the bench. `npm run bench` runs this section too (--no-varied skips it).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureVaried } from './bench/variedBench.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    commits: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '20' },
    samples: { type: 'string', default: '100' },
    dir: { type: 'string', default: '.bench' },
  },
});
const shape = { posts: Number(values.posts), commits: Number(values.commits) };
const runs = Number(values.runs);
const figures = await measureVaried(
  resolve(values.dir),
  shape,
  runs,
  Math.max(runs, Number(values.samples)),
  (line) => console.error(line),
);
const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toPrecision(3));
console.log('| operation | Folio p50 | Folio p95 | n | git p50 | git p95 | native git does |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of figures.rows)
  console.log(
    `| ${row.op} | ${fmt(row.folio.p50)} | ${fmt(row.folio.p95)} | ${row.folio.n} | ${row.native ? fmt(row.native.p50) : ''} | ${row.native ? fmt(row.native.p95) : ''} | ${row.nativeWhat}${row.note ? ` (${row.note})` : ''} |`,
  );
console.log(
  `\nPeak RSS of Folio's process on the second corpus: ${figures.peakRssMb.toFixed(0)} MB, shutdown included (after ${figures.peaks.map(([phase, mb]) => `${phase}: ${mb.toFixed(0)}`).join(', ')})`,
);
