/**
 * Runs tasks one at a time, in arrival order. Every write to a repository goes through its one
 * queue, so concurrent saves in this process become a linear history instead of racing for the
 * branch (isomorphic-git's own locks are per file and in-process only).
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Queues `task` and resolves with its result once every earlier task has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(task, task).finally(() => {
      this.waiting--;
    });
    // A failed task must not poison the ones behind it.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Tasks queued or running. */
  get length(): number {
    return this.waiting;
  }
}
