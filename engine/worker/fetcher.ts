/**
 * How a worker gets jobs. The main loop makes round trips: each writes every outcome that
 * finished since the last one and, when slots are free, claims more jobs in the same call. The
 * wake loop blocks on the queues' wake lists while the worker is idle. Both share the worker's
 * Notifier; the Worker owns the lifecycle, the heartbeat and what is said about outcomes.
 */
import type { Redis } from 'ioredis';
import { duplicate } from '../connection';
import type { QueueKeys } from '../keys';
import { runScript } from '../scripts';
import { cycleArgs, idleBlockSeconds, readCycle, type CycleCall, type CycleParams, type CycleResult } from './cycle';
import type { Executor } from './executor';
import { nextMacrotask, sleep, type Notifier } from './notifier';
import type { Outcome } from './reports';
import type { JobReporter, RunningJob } from './running-job';
import type { WorkerSettings } from './settings';
import { WorkBook } from './work-book';

const RTT_WEIGHT = 0.1;
const ERROR_PAUSE_MS = 1000;
/**
 * Round trips in flight at once: while Redis runs one cycle the worker reads the previous reply
 * and runs handlers, so Redis and the worker work side by side instead of in turn.
 */
const MAX_TRIPS_IN_FLIGHT = 2;

/** What the fetcher needs of its worker. */
export interface FetcherHost {
  readonly name: string;
  /** true while the worker may claim jobs */
  running(): boolean;
  /** Redis took these outcomes; `lost` holds the ids whose lease had gone to another attempt */
  written(outcomes: Outcome[], lost: Set<string>): void;
  /** gives back jobs claimed after a close began */
  release(jobs: RunningJob[]): Promise<void>;
  reportError(message: string, err: unknown): void;
}

export interface FetcherParts {
  client: Redis;
  queues: readonly string[];
  keys: ReadonlyMap<string, QueueKeys>;
  executor: Executor;
  notifier: Notifier;
  settings: WorkerSettings;
  reporter: JobReporter;
}

export class Fetcher {
  private readonly host: FetcherHost;
  private readonly client: Redis;
  private readonly queues: readonly string[];
  private readonly keys: ReadonlyMap<string, QueueKeys>;
  private readonly executor: Executor;
  private readonly notifier: Notifier;
  private readonly settings: WorkerSettings;
  private readonly reporter: JobReporter;
  private readonly queueByWake = new Map<string, string>();
  private readonly work: WorkBook;
  private readonly trips = new Set<Promise<void>>();
  private blocker: Redis | undefined;
  /** per queue: earliest scheduled due time (server clock ms), -1 when none */
  private readonly nextDue = new Map<string, number>();
  private serverOffsetMs = 0;
  /** moving average of a round trip's duration */
  private roundTripMs = 0;

  constructor(host: FetcherHost, parts: FetcherParts) {
    this.host = host;
    ({ client: this.client, queues: this.queues, keys: this.keys, executor: this.executor } = parts);
    ({ notifier: this.notifier, settings: this.settings, reporter: this.reporter } = parts);
    for (const [q, k] of this.keys) this.queueByWake.set(k.wake, q);
    this.work = new WorkBook(this.queues);
  }

  /** Runs both loops until the worker stops running and its leases are settled. */
  run(): Promise<unknown> {
    this.blocker = duplicate(this.client);
    this.blocker.on('error', () => {}); // reported by the wake loop when a command fails
    return Promise.all([this.mainLoop(), this.wakeLoop()]);
  }

  /** Ends a blocking pop now (a close began). */
  stopBlocking(): void {
    this.blocker?.disconnect();
  }

  /** These queues may hold work (reaped jobs, say). */
  markWork(queues: readonly string[]): void {
    this.work.mark(queues);
    this.notifier.notify();
  }

  // ---- main loop: write outcomes, claim jobs

  /** Jobs to claim now: free slots, plus prefetch when handlers are quicker than a round trip. */
  private freeSlots(): number {
    return this.capacity() - this.executor.leased.size - this.work.pending;
  }

  /** Jobs this worker may hold leases on at once. */
  private capacity(): number {
    const { concurrency, prefetch } = this.settings;
    return concurrency + (prefetch === 'auto' ? this.executor.prefetchFor(this.roundTripMs, concurrency) : prefetch);
  }

  /** One trip claims at most its share of the capacity, so the next trip has some to claim. */
  private claimSize(): number {
    return Math.max(0, Math.min(this.freeSlots(), Math.ceil(this.capacity() / MAX_TRIPS_IN_FLIGHT)));
  }

  private claimTarget(): string | undefined {
    if (!this.host.running() || this.freeSlots() <= 0) return undefined;
    return this.queues.find((q) => this.work.mayHoldWork(q));
  }

  private async mainLoop(): Promise<void> {
    for (;;) {
      const idle = this.claimTarget() === undefined && this.executor.reports.size === 0;
      if (idle || this.trips.size >= MAX_TRIPS_IN_FLIGHT) {
        if (idle && this.trips.size === 0 && !this.host.running() && this.executor.leased.size === 0) return;
        await this.notifier.wait();
        continue;
      }
      // Let handlers that are about to finish join this round trip.
      if (this.executor.runningCount > 0) await nextMacrotask();
      this.startTrip(this.claimTarget());
    }
  }

  private startTrip(claimQueue: string | undefined): void {
    const trip = this.roundTrip(claimQueue)
      .then((ok) => (ok ? undefined : sleep(ERROR_PAUSE_MS)))
      .finally(() => {
        this.trips.delete(trip);
        this.notifier.notify();
      });
    this.trips.add(trip);
  }

  private async roundTrip(claimQueue: string | undefined): Promise<boolean> {
    const taken = this.executor.reports.take();
    const calls: CycleCall[] = [...taken].map(([queue, outcomes]) => ({ queue, outcomes, want: 0 }));
    if (claimQueue !== undefined) {
      const mine = calls.find((c) => c.queue === claimQueue) ?? calls[calls.push({ queue: claimQueue, outcomes: [], want: 0 }) - 1];
      mine.want = this.claimSize();
    }
    if (calls.length === 0) return true;
    const peeks = this.queuesToPeek(claimQueue);
    const wanted = calls.reduce((n, c) => n + c.want, 0);
    const signalsAtSend = this.work.version;
    let replies: [Error | null, unknown][];
    const sentAt = performance.now();
    try {
      replies = await this.work.claiming(wanted, () => this.send(calls, peeks));
      this.roundTripMs += RTT_WEIGHT * (performance.now() - sentAt - this.roundTripMs);
    } catch (e) {
      this.executor.reports.restore(taken);
      this.host.reportError('round trip to Redis failed', e);
      return false;
    }
    const { ok, late } = this.applyReplies(calls, peeks, replies, signalsAtSend);
    if (late.length > 0) await this.host.release(late);
    return ok;
  }

  /** Applies each cycle's reply; returns whether all succeeded and the jobs claimed too late. */
  private applyReplies(calls: CycleCall[], peeks: string[], replies: [Error | null, unknown][], signalsAtSend: number) {
    let ok = true;
    const late: RunningJob[] = [];
    calls.forEach((call, i) => {
      const [err, reply] = replies[i] ?? [new Error('no reply'), null];
      if (err) {
        for (const o of call.outcomes) this.executor.reports.add(o);
        this.host.reportError(`round trip for queue ${call.queue} failed; will retry`, err);
        ok = false;
      } else {
        late.push(...this.applyCycle(call, readCycle(call.queue, reply as (string | number | null)[]), signalsAtSend));
      }
    });
    peeks.forEach((q, i) => {
      const [err, length] = replies[calls.length + i] ?? [null, 0];
      if (!err && Number(length) > 0) this.work.mark([q]);
    });
    return { ok, late };
  }

  /**
   * Higher-priority queues believed empty while we claim from a lower one. Their new jobs woke
   * nobody (this worker was busy, not blocked), so each round trip looks at their length.
   */
  private queuesToPeek(claimQueue: string | undefined): string[] {
    if (claimQueue === undefined) return [];
    return this.queues.slice(0, this.queues.indexOf(claimQueue)).filter((q) => !this.work.mayHoldWork(q));
  }

  /** Cycle calls and peeks in one round trip: a plain script call when that is all there is. */
  private async send(calls: CycleCall[], peeks: string[]): Promise<[Error | null, unknown][]> {
    const params = this.cycleParams();
    if (calls.length === 1 && peeks.length === 0) {
      const k = this.keys.get(calls[0].queue)!;
      try {
        return [[null, await runScript(this.client, 'cycle', k, cycleArgs(k, params, calls[0]))]];
      } catch (e) {
        return [[e as Error, null]];
      }
    }
    const pipe = this.client.pipeline();
    for (const call of calls) {
      const k = this.keys.get(call.queue)!;
      runScript(pipe, 'cycle', k, cycleArgs(k, params, call));
    }
    for (const q of peeks) pipe.llen(this.keys.get(q)!.queued);
    return (await pipe.exec()) ?? [];
  }

  /**
   * Takes a cycle's reply: announces the outcomes it wrote and hands the jobs it claimed to the
   * executor. Jobs claimed after a close began are returned instead, for the caller to give back:
   * the close has already given back what the worker held, so nobody else would.
   */
  private applyCycle(call: CycleCall, result: CycleResult, signalsAtSend: number): RunningJob[] {
    this.host.written(call.outcomes, result.lost);
    this.serverOffsetMs = result.serverNow - Date.now();
    this.nextDue.set(call.queue, result.nextDue);
    if (call.want > 0) {
      const claimed = result.jobs.length;
      // A queue found empty stays a candidate if a wake-up came while this trip was in flight.
      const drained = claimed < call.want && (result.remaining === 0 || claimed === 0);
      if (drained) this.work.drained(call.queue, signalsAtSend);
    }
    if (!this.host.running()) return result.jobs;
    for (const job of result.jobs) {
      job.reporter = this.reporter;
      this.executor.accept(job);
    }
    this.notifier.notify();
    return [];
  }

  // ---- wake loop: block while idle until work arrives or a scheduled job falls due

  private async wakeLoop(): Promise<void> {
    const wakeKeys = [...this.queueByWake.keys()];
    while (this.host.running()) {
      if (this.freeSlots() <= 0 || this.work.any) {
        await this.notifier.wait();
        continue;
      }
      try {
        if (this.queues.length === 1) {
          await this.blockThenClaim();
        } else {
          const popped = await this.blocker!.blpop(...wakeKeys, this.blockSeconds());
          this.work.mark(popped ? [this.queueByWake.get(popped[0])!] : this.queues);
        }
      } catch (e) {
        if (!this.host.running()) return;
        this.host.reportError('waiting for work failed', e);
        await sleep(ERROR_PAUSE_MS);
        this.work.mark(this.queues);
      }
      this.notifier.notify();
    }
  }

  /**
   * A worker of one queue sends its claim right behind the blocking pop, in one pipeline: Redis
   * runs the claim the moment a wake-up (or the timeout) ends the pop, a round trip sooner than
   * asking after the wake-up. A close while blocked drops both (the claim never runs). Only a
   * close in the instant between the two can lose the reply; those leases then expire and the
   * jobs run elsewhere, as after a crash.
   */
  private async blockThenClaim(): Promise<void> {
    const queue = this.queues[0];
    const k = this.keys.get(queue)!;
    const call: CycleCall = { queue, outcomes: [], want: this.claimSize() };
    const pipe = this.blocker!.pipeline().blpop(k.wake, this.blockSeconds());
    runScript(pipe, 'cycle', k, cycleArgs(k, this.cycleParams(), call));
    const replies = (await this.work.claiming(call.want, () => pipe.exec())) ?? [];
    const [popError] = replies[0] ?? [new Error('no reply')];
    const [cycleError, reply] = replies[1] ?? [new Error('no reply'), null];
    if (popError) throw popError;
    this.work.mark([queue]);
    if (cycleError) throw cycleError;
    const result = readCycle(queue, reply as (string | number | null)[]);
    // A close does not always cut the pop short (the server may answer before it sees the
    // socket close); what was claimed after the close began goes straight back.
    const late = this.applyCycle(call, result, this.work.version);
    if (late.length > 0) await this.host.release(late);
  }

  private blockSeconds(): number {
    return idleBlockSeconds(this.nextDue.values(), Date.now() + this.serverOffsetMs);
  }

  private cycleParams(): CycleParams {
    const { leaseMs, resultTtl, failureTtl } = this.settings;
    return { workerName: this.host.name, leaseMs, resultTtl, failureTtl };
  }
}
