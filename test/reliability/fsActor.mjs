// A worker thread that acts on the file system beside Folio with true concurrency: it busy-waits on
// its own thread (the test's event loop keeps sending requests meanwhile) and reacts within
// microseconds. Plain JavaScript so that a worker can load it without a TypeScript loader; the
// typed wrapper is fsActor.ts. Commands arrive one at a time and each gets one reply.
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { lstatSync, mkdirSync, readdirSync, rmdirSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';

const now = () => process.hrtime.bigint();

/** Spins for `us` microseconds (no sleeping: the point is precise timing). */
function spin(us) {
  const end = now() + BigInt(Math.round(us * 1000));
  while (now() < end);
}

function readOrNull(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Waits until `watch` holds: {kind: 'changed', file, before, count} or {kind: 'exists', file}. */
function waitFor(watch, deadline) {
  let seen = 0;
  let last = watch.before ?? null;
  while (now() < deadline) {
    if (watch.kind === 'exists') {
      if (existsSync(watch.file)) return true;
      continue;
    }
    const current = readOrNull(watch.file);
    if (current !== null && current !== last) {
      last = current;
      seen++;
      if (seen >= (watch.count ?? 1)) return true;
    }
  }
  return false;
}

/** Writes `bytes` as an editor would: in place (truncate + write) or rename-style (temp + rename). */
function personWrite(file, bytes, style) {
  if (style === 'rename') {
    const tmp = join(dirname(file), `.${Math.random().toString(36).slice(2)}.swp`);
    const fd = openSync(tmp, 'w');
    writeSync(fd, bytes);
    closeSync(fd);
    renameSync(tmp, file);
  } else {
    const fd = openSync(file, 'w');
    writeSync(fd, bytes);
    closeSync(fd);
  }
}

/** Moves what Folio put in a folder that appeared where the symlink should go into the real folder. */
function mergeInto(from, to) {
  const moved = [];
  for (const name of readdirSync(from)) {
    renameSync(join(from, name), join(to, name));
    moved.push(name);
  }
  rmdirSync(from);
  return moved;
}

/** Swaps `link` between the real folder (kept at `real` meanwhile) and a symlink to `outside`. */
function swapLoop({ link, real, outside, holdUs, stop }) {
  const flag = new Int32Array(stop);
  let swaps = 0;
  let recreated = 0;
  const movedBack = [];
  const hold = () => spin(holdUs[0] + Math.random() * (holdUs[1] - holdUs[0]));
  while (Atomics.load(flag, 0) === 0) {
    renameSync(link, real);
    for (;;) {
      try {
        symlinkSync(outside, link);
        break;
      } catch (err) {
        if (err.code !== 'EEXIST') throw err;
        // Folio made the folder again between the two steps: keep its files, swap again.
        recreated++;
        movedBack.push(...mergeInto(link, real));
      }
    }
    hold();
    unlinkSync(link);
    for (;;) {
      try {
        renameSync(real, link);
        break;
      } catch (err) {
        if (err.code !== 'EEXIST' && err.code !== 'ENOTEMPTY' && err.code !== 'EISDIR') throw err;
        recreated++;
        if (lstatSync(link).isDirectory()) movedBack.push(...mergeInto(link, real));
        else unlinkSync(link);
      }
    }
    swaps++;
    hold();
  }
  return { swaps, recreated, movedBack };
}

parentPort.on('message', (message) => {
  try {
    if (message.type === 'killWhen') {
      const deadline = now() + BigInt(message.timeoutMs) * 1_000_000n;
      const fired = waitFor(message.watch, deadline);
      if (fired) {
        spin(message.afterUs ?? 0);
        try {
          process.kill(message.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      parentPort.postMessage({ ok: true, fired, at: String(now()) });
    } else if (message.type === 'write') {
      let triggered = true;
      if (message.trigger.kind === 'delay') spin(message.trigger.us);
      else {
        const deadline = now() + BigInt(message.trigger.timeoutMs) * 1_000_000n;
        triggered = waitFor(message.trigger.watch, deadline);
        spin(message.trigger.afterUs);
      }
      const startedAt = now();
      personWrite(message.file, Buffer.from(message.bytes, 'base64'), message.style);
      parentPort.postMessage({
        ok: true,
        triggered,
        startedAt: String(startedAt),
        doneAt: String(now()),
      });
    } else if (message.type === 'swapLoop') {
      mkdirSync(dirname(message.real), { recursive: true });
      parentPort.postMessage({ ok: true, ...swapLoop(message) });
    } else {
      parentPort.postMessage({ ok: false, error: `unknown command ${message.type}` });
    }
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String(err && err.stack ? err.stack : err) });
  }
});
