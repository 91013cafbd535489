// `npm run bench:sync`: only the bench's sync section (scripts/bench/syncBench.ts) on the same
// generated site, for work on sync without the twenty minutes of the whole bench. The figures in
// docs/performance.md come from `npm run bench`, which runs this section too.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSite, postPath } from './bench/generateSite.ts';
import { measureSync } from './bench/syncBench.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    commits: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '20' },
    dir: { type: 'string', default: '.bench' },
  },
});
const shape = { posts: Number(values.posts), commits: Number(values.commits) };
const log = (line: string): void => console.error(line);
const source = await generateSite(resolve(values.dir), shape, log);
const ids = Array.from({ length: shape.posts }, (_, i) => postPath(i));
const pickId = (i: number): string => ids[(i * 7919 + 13) % ids.length]!;
const rows = await measureSync(source, resolve(values.dir), Number(values.runs), pickId, log);
const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toPrecision(3));
console.log('| operation | Folio p50 | Folio p95 | git p50 | git p95 | native git does |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows)
  console.log(
    `| ${row.op} | ${fmt(row.folio.p50)} | ${fmt(row.folio.p95)} | ${row.native ? fmt(row.native.p50) : ''} | ${row.native ? fmt(row.native.p95) : ''} | ${row.nativeWhat}${row.note ? ` (${row.note})` : ''} |`,
  );
