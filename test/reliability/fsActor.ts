import { Worker } from 'node:worker_threads';

/** What the actor waits for: a file's content to change (`count` times) or a file to appear. */
export type Watch =
  | { kind: 'changed'; file: string; before: string | null; count?: number }
  | { kind: 'exists'; file: string };

/** When a person's write happens: after a delay, or right after a watched change (plus a delay). */
export type WriteTrigger =
  | { kind: 'delay'; us: number }
  | { kind: 'watch'; watch: Watch; afterUs: number; timeoutMs: number };

interface Reply {
  ok: boolean;
  error?: string;
  [key: string]: unknown;
}

/**
 * A worker thread acting on the file system beside Folio (see fsActor.mjs): it busy-waits on its
 * own thread, so it reacts to a ref move or a lock file within microseconds while the test's
 * event loop keeps talking to Folio.
 */
export class FsActor {
  private readonly worker = new Worker(new URL('./fsActor.mjs', import.meta.url));
  private pending: Promise<unknown> = Promise.resolve();

  private send(message: Record<string, unknown>): Promise<Reply> {
    const run = this.pending.then(
      () =>
        new Promise<Reply>((resolve, reject) => {
          const onError = (err: Error): void => reject(err);
          this.worker.once('error', onError);
          this.worker.once('message', (reply: Reply) => {
            this.worker.off('error', onError);
            if (reply.ok) resolve(reply);
            else reject(new Error(`fsActor: ${reply.error}`));
          });
          this.worker.postMessage(message);
        }),
    );
    this.pending = run.catch(() => undefined);
    return run;
  }

  /** Sends SIGKILL to `pid` as soon as `watch` holds (after `afterUs`); false when it never did. */
  async killWhen(pid: number, watch: Watch, timeoutMs: number, afterUs = 0): Promise<boolean> {
    const reply = await this.send({ type: 'killWhen', pid, watch, timeoutMs, afterUs });
    return reply.fired === true;
  }

  /** Writes `bytes` to `file` as a person's editor would; resolves with when the write ran (hrtime ns). */
  async write(
    file: string,
    bytes: Buffer,
    style: 'inplace' | 'rename',
    trigger: WriteTrigger,
  ): Promise<{ triggered: boolean; startedAt: bigint; doneAt: bigint }> {
    const reply = await this.send({
      type: 'write',
      file,
      bytes: bytes.toString('base64'),
      style,
      trigger,
    });
    return {
      triggered: reply.triggered === true,
      startedAt: BigInt(reply.startedAt as string),
      doneAt: BigInt(reply.doneAt as string),
    };
  }

  /**
   * Swaps the folder `link` for a symlink to `outside` and back (the real folder waits at `real`)
   * until `stop()` is called, holding each state for `holdUs` (min, max) microseconds.
   */
  swapLoop(
    link: string,
    real: string,
    outside: string,
    holdUs: [number, number],
  ): { stop: () => Promise<{ swaps: number; recreated: number; movedBack: string[] }> } {
    const stop = new SharedArrayBuffer(4);
    const done = this.send({ type: 'swapLoop', link, real, outside, holdUs, stop });
    return {
      stop: async () => {
        Atomics.store(new Int32Array(stop), 0, 1);
        const reply = await done;
        return {
          swaps: reply.swaps as number,
          recreated: reply.recreated as number,
          movedBack: reply.movedBack as string[],
        };
      },
    };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
