/** Wakes every waiter when something changed; the worker's loops sleep on it. */
export class Notifier {
  private waiters: (() => void)[] = [];

  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (timeoutMs !== undefined) setTimeout(resolve, timeoutMs).unref();
    });
  }

  notify(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Lets other ready callbacks (finishing handlers, I/O) run before we continue. */
export const nextMacrotask = () => new Promise<void>((r) => setImmediate(r));
