/**
 * A worker's belief about where claimable jobs are, and how many jobs its round trips in flight
 * are already asking for. Wake-ups, peeks and reaped jobs mark a queue; a claim that comes back
 * short unmarks it, unless a newer signal arrived while that claim was in flight.
 */
export class WorkBook {
  private readonly maybeWork = new Set<string>();
  /** bumped on every signal, so an older reply cannot unsay a newer wake-up */
  private signals = 0;
  /** jobs asked for by round trips still in flight */
  private pendingClaims = 0;

  constructor(queues: readonly string[]) {
    for (const q of queues) this.maybeWork.add(q);
  }

  get pending(): number {
    return this.pendingClaims;
  }

  /** The signal count now: pass it back to `claimed` for a claim sent at this moment. */
  get version(): number {
    return this.signals;
  }

  /** True when some queue may hold work. */
  get any(): boolean {
    return this.maybeWork.size > 0;
  }

  mayHoldWork(queue: string): boolean {
    return this.maybeWork.has(queue);
  }

  /** These queues may hold work (a wake-up, a peek, reaped jobs). */
  mark(queues: readonly string[]): void {
    for (const q of queues) this.maybeWork.add(q);
    this.signals++;
  }

  /** A claim sent at `versionAtSend` found `queue` drained: forget it unless signaled since. */
  drained(queue: string, versionAtSend: number): void {
    if (versionAtSend === this.signals) this.maybeWork.delete(queue);
  }

  /** Counts `want` jobs as claimed while `send` is in flight, so no other trip asks for them too. */
  async claiming<T>(want: number, send: () => Promise<T>): Promise<T> {
    this.pendingClaims += want;
    try {
      return await send();
    } finally {
      this.pendingClaims -= want;
    }
  }
}
