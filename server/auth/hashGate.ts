import { availableParallelism } from 'node:os';

// Hashes that may run at once: one core is left to the event loop (on two cores, one hash).
const DEFAULT_RUNNING = Math.max(1, Math.min(2, availableParallelism() - 1));

/**
 * Bounds how many password hashes run at once. scrypt runs on libuv's thread pool (four threads,
 * shared with file reads and writes) and keeps a core busy for ~100 ms: a crowd of sign-ins would
 * otherwise take every thread and core and stall editors' saves for seconds. A hash or two run,
 * a short queue waits, the rest is refused at once.
 */
export class HashGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly maxRunning = DEFAULT_RUNNING,
    private readonly maxQueued = 8,
  ) {}

  /** Runs `work` when a slot is free; null, without running it, when the queue is full. */
  tryRun<T>(work: () => Promise<T>): Promise<T> | null {
    if (this.running >= this.maxRunning && this.queue.length >= this.maxQueued) return null;
    return this.acquire().then(async () => {
      try {
        return await work();
      } finally {
        this.release();
      }
    });
  }

  private acquire(): Promise<void> {
    if (this.running < this.maxRunning) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next)
      next(); // the slot passes straight to the next in line
    else this.running -= 1;
  }
}
