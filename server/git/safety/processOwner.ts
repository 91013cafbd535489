import { readFileSync } from 'node:fs';

/** Who wrote a lock marker or a write journal: enough to tell later whether that process still runs. */
export interface ProcessOwner {
  pid: number;
  /** The kernel's boot id (Linux), so a reboot makes every old owner dead. */
  bootId: string | null;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not taken for it. */
  startTicks: string | null;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The fields of /proc/<pid>/stat after the parenthesised command name (state first). */
function statFields(pid: number): string[] | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  return stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : null;
}

/** Field 22 of /proc/<pid>/stat: the process's start time. */
function startTicksOf(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

let self: ProcessOwner | null = null;

/** This process, as a ProcessOwner. */
export function currentOwner(): ProcessOwner {
  self ??= {
    pid: process.pid,
    bootId: readOrNull('/proc/sys/kernel/random/boot_id')?.trim() ?? null,
    startTicks: startTicksOf(process.pid),
  };
  return self;
}

/** True when `owner` is this very process. */
export function isCurrentOwner(owner: ProcessOwner): boolean {
  const me = currentOwner();
  return owner.pid === me.pid && owner.bootId === me.bootId && owner.startTicks === me.startTicks;
}

/**
 * True when the process that recorded `owner` may still be running: same boot, the pid exists and
 * (where the system says) started at the same time. Unknown cases count as alive, so that a lock
 * of a live process is never taken away.
 */
export function mayBeAlive(owner: ProcessOwner): boolean {
  const me = currentOwner();
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return false;
  if (isCurrentOwner(owner)) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const fields = statFields(owner.pid);
  // A killed process its parent has not reaped yet (a zombie) runs no more code.
  if (fields?.[0] === 'Z' || fields?.[0] === 'X') return false;
  if (owner.startTicks && fields?.[19] && fields[19] !== owner.startTicks) return false;
  return true;
}

/** Parses an owner out of untrusted JSON, or null. */
export function parseOwner(value: unknown): ProcessOwner | null {
  if (!value || typeof value !== 'object') return null;
  const { pid, bootId, startTicks } = value as Record<string, unknown>;
  if (!Number.isInteger(pid) || (pid as number) <= 0) return null;
  if (bootId !== null && typeof bootId !== 'string') return null;
  if (startTicks !== null && typeof startTicks !== 'string') return null;
  return { pid: pid as number, bootId, startTicks };
}
