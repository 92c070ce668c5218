/**
 * Worker: leases jobs from one or more queues (in priority order) and runs their handlers.
 *
 * Two loops share one Notifier. The main loop makes round trips: each writes every outcome that
 * finished since the last one and, when slots are free, claims more jobs in the same pipeline.
 * The wake loop blocks on the queues' wake lists while the worker is idle. A heartbeat timer keeps
 * leases alive, takes back dead workers' jobs and keeps the registry entry fresh.
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { closeClient, connect, duplicate, type OwnedClient } from '../connection';
import { CanceledError, ClosedError, LeaseLostError, ValidationError } from '../errors';
import { deliverOutbox } from '../dependencies';
import { queueKeys, queuesKey, validateQueueName, type QueueKeys } from '../keys';
import { runScript } from '../scripts';
import { Executor } from './executor';
import { heartbeat, type WorkerIdentity } from './heartbeat';
import { Notifier, nextMacrotask, sleep } from './notifier';
import { cycleArgs, idleBlockSeconds, readCycle, type CycleCall, type CycleParams, type CycleResult } from './cycle';
import { announceOutcomes } from './announce';
import { WorkBook } from './work-book';
import type { JobReporter, RunningJob } from './running-job';
import { listenForCancels, jobReporter, promoteDue, PROMOTE_TICK_MS } from './control';
import { callHook, taskTable, type HookName, type Task, type TaskTable } from './hooks';
import { byQueue, giveBackLeases, handleShutdownSignals, leaveRegistry } from './shutdown';
import { consoleLogger, resolveSettings, type Logger, type WorkerOptions, type WorkerSettings } from './settings';

const VERSION = '0.1.0';
const RTT_WEIGHT = 0.1;
const ERROR_PAUSE_MS = 1000;
/**
 * Round trips in flight at once: while Redis runs one cycle the worker reads the previous reply
 * and runs handlers, so Redis and the worker work side by side instead of in turn.
 */
const MAX_TRIPS_IN_FLIGHT = 2;

type State = 'new' | 'running' | 'stopping' | 'stopped';

export class Worker extends EventEmitter {
  readonly name: string;
  readonly queues: readonly string[];
  private readonly settings: WorkerSettings;
  private readonly logger: Logger;
  private readonly conn: OwnedClient;
  private blocker: Redis | undefined;
  private readonly keys = new Map<string, QueueKeys>();
  private readonly queueByWake = new Map<string, string>();
  private readonly executor: Executor;
  private readonly taskDefs: TaskTable;
  private readonly reporter: JobReporter;
  private subscriber: Redis | undefined;
  private promoteTimer: NodeJS.Timeout | undefined;
  private readonly notifier = new Notifier();
  private readonly work: WorkBook;
  private readonly trips = new Set<Promise<void>>();
  /** per queue: earliest scheduled due time (server clock ms), -1 when none */
  private readonly nextDue = new Map<string, number>();
  private serverOffsetMs = 0;
  /** moving average of a round trip's duration */
  private roundTripMs = 0;
  private state: State = 'new';
  private loops: Promise<void>[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private processed = 0;
  private failed = 0;
  private readonly startedAt = Date.now();
  private removeSignalHandlers: (() => void) | undefined;

  constructor(queues: string | readonly string[], handlers: Record<string, Task>, options: WorkerOptions = {}) {
    super();
    const list = typeof queues === 'string' ? [queues] : [...queues];
    if (list.length === 0) throw new ValidationError('a worker needs at least one queue', 'queues');
    this.queues = list.map((q) => validateQueueName(q));
    if (new Set(this.queues).size !== this.queues.length) throw new ValidationError('queues are listed twice', 'queues');
    this.settings = resolveSettings(options);
    this.logger = options.logger ?? consoleLogger;
    this.name = this.settings.name ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    for (const q of this.queues) {
      const k = queueKeys(this.settings.prefix, q);
      this.keys.set(q, k);
      this.queueByWake.set(k.wake, q);
    }
    this.work = new WorkBook(this.queues);
    this.taskDefs = taskTable(handlers);
    this.executor = new Executor(this.taskDefs.handlers, this.settings.concurrency, this.settings.timeout, () => this.notifier.notify());
    this.conn = connect(options.connection, 'worker');
    this.reporter = jobReporter(this.conn.client, (q) => this.keys.get(q)!);
  }

  get concurrency(): number {
    return this.settings.concurrency;
  }

  /** Jobs running right now. */
  get activeCount(): number {
    return this.executor.runningCount;
  }

  /** Registers the worker and starts claiming. Resolves once it is running. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new ClosedError(`worker ${this.name} (already started)`);
    this.state = 'running';
    this.blocker = duplicate(this.conn.client);
    this.blocker.on('error', () => {}); // reported by the wake loop when a command fails
    await this.conn.client.sadd(queuesKey(this.settings.prefix), ...this.queues);
    this.subscriber = await listenForCancels(this.conn.client, this.settings.prefix, (q, id) => this.cancelRunning(q, id));
    await this.beat();
    this.heartbeatTimer = setInterval(() => void this.beat(), this.settings.heartbeatMs);
    this.promoteTimer = setInterval(() => void this.promoteTick(), PROMOTE_TICK_MS);
    if (this.settings.handleSignals) {
      this.removeSignalHandlers = handleShutdownSignals(this.logger, () => void this.close(), () => this.hurry());
    }
    this.loops = [this.mainLoop(), this.wakeLoop()];
    this.logger.info(`worker ${this.name} started`, { queues: this.queues, concurrency: this.concurrency });
  }

  /**
   * Stops claiming, lets running jobs finish for up to `timeoutMs` (default shutdownTimeoutMs),
   * then gives back the leases of jobs still running so other workers take them at once.
   */
  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return this.closed;
    const wasRunning = this.state === 'running';
    this.state = 'stopping';
    this.closed = this.shutdown(wasRunning, options.timeoutMs ?? this.settings.shutdownTimeoutMs);
    return this.closed;
  }

  private closed: Promise<void> = Promise.resolve();

  /** Ends the grace period of a close in progress: running jobs are given back now. */
  private hurry(): void {
    this.shutdownDeadline = 0;
    this.notifier.notify();
  }

  private shutdownDeadline = 0;

  private async shutdown(wasRunning: boolean, timeoutMs: number): Promise<void> {
    this.notifier.notify();
    this.blocker?.disconnect();
    clearInterval(this.promoteTimer);
    this.subscriber?.disconnect();
    if (wasRunning) {
      this.shutdownDeadline = Date.now() + timeoutMs;
      // Prefetched jobs have not started: other workers may take them right away.
      await this.release(this.executor.waitingJobs());
      while (this.executor.runningCount > 0 && Date.now() < this.shutdownDeadline) {
        await this.notifier.wait(Math.max(1, this.shutdownDeadline - Date.now()));
      }
      await this.releaseRunning();
      await Promise.all(this.loops);
      await this.deregister();
    }
    clearInterval(this.heartbeatTimer);
    this.executor.stop();
    this.removeSignalHandlers?.();
    this.state = 'stopped';
    await closeClient(this.conn);
    this.emit('closed');
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
    if (this.state !== 'running' || this.freeSlots() <= 0) return undefined;
    return this.queues.find((q) => this.work.mayHoldWork(q));
  }

  private async mainLoop(): Promise<void> {
    for (;;) {
      const idle = this.claimTarget() === undefined && this.executor.reports.size === 0;
      if (idle || this.trips.size >= MAX_TRIPS_IN_FLIGHT) {
        if (idle && this.trips.size === 0 && this.state !== 'running' && this.executor.leased.size === 0) return;
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
      this.reportError('round trip to Redis failed', e);
      return false;
    }
    let ok = true;
    calls.forEach((call, i) => {
      const [err, reply] = replies[i] ?? [new Error('no reply'), null];
      if (err) {
        for (const o of call.outcomes) this.executor.reports.add(o);
        this.reportError(`round trip for queue ${call.queue} failed; will retry`, err);
        ok = false;
      } else {
        this.applyCycle(call, readCycle(call.queue, reply as (string | number | null)[]), signalsAtSend);
      }
    });
    peeks.forEach((q, i) => {
      const [err, length] = replies[calls.length + i] ?? [null, 0];
      if (!err && Number(length) > 0) this.work.mark([q]);
    });
    return ok;
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
        return [[null, await runScript(this.conn.client, 'cycle', k, cycleArgs(k, params, calls[0]))]];
      } catch (e) {
        return [[e as Error, null]];
      }
    }
    const pipe = this.conn.client.pipeline();
    for (const call of calls) {
      const k = this.keys.get(call.queue)!;
      runScript(pipe, 'cycle', k, cycleArgs(k, params, call));
    }
    for (const q of peeks) pipe.llen(this.keys.get(q)!.queued);
    return (await pipe.exec()) ?? [];
  }

  private applyCycle(call: CycleCall, result: CycleResult, signalsAtSend: number): void {
    const counts = announceOutcomes(this, call.outcomes, result.lost, (name, job, arg) => this.hook(name, job, arg));
    this.processed += counts.finished;
    this.failed += counts.failed;
    this.serverOffsetMs = result.serverNow - Date.now();
    this.nextDue.set(call.queue, result.nextDue);
    if (call.want > 0) {
      const claimed = result.jobs.length;
      // A queue found empty stays a candidate if a wake-up came while this trip was in flight.
      const drained = claimed < call.want && (result.remaining === 0 || claimed === 0);
      if (drained) this.work.drained(call.queue, signalsAtSend);
    }
    for (const job of result.jobs) {
      job.reporter = this.reporter;
      this.executor.accept(job);
    }
    this.notifier.notify();
  }

  // ---- wake loop: block while idle until work arrives or a scheduled job falls due

  private async wakeLoop(): Promise<void> {
    const wakeKeys = [...this.queueByWake.keys()];
    while (this.state === 'running') {
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
        if (this.state !== 'running') return;
        this.reportError('waiting for work failed', e);
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
    if (this.state !== 'running') return this.release(result.jobs);
    this.applyCycle(call, result, this.work.version);
  }

  private blockSeconds(): number {
    return idleBlockSeconds(this.nextDue.values(), Date.now() + this.serverOffsetMs);
  }

  private cycleParams(): CycleParams {
    const { leaseMs, resultTtl, failureTtl } = this.settings;
    return { workerName: this.name, leaseMs, resultTtl, failureTtl };
  }

  // ---- heartbeat

  private beating = false;

  private async beat(): Promise<void> {
    if (this.beating || this.state === 'stopped') return;
    this.beating = true;
    try {
      const running = [...this.executor.leased.values()];
      const perQueue = this.queues.map((q) => ({ queue: q, keys: this.keys.get(q)!, jobs: running.filter((j) => j.queue === q) }));
      const state = this.state === 'stopping' ? 'stopping' : running.length > 0 ? 'busy' : 'idle';
      const result = await heartbeat(this.conn.client, perQueue, this.settings, this.identity(), {
        running, processed: this.processed, failed: this.failed, state,
      }, this.ticks++);
      for (const job of result.lost) this.loseJob(job);
      if (result.reaped > 0) this.work.mark(this.queues);
      this.notifier.notify();
    } catch (e) {
      this.reportError('heartbeat failed', e);
    } finally {
      this.beating = false;
    }
  }

  private loseJob(job: RunningJob): void {
    this.stopJob('lost', job, new LeaseLostError(job.id));
  }

  /** A cancel command for a job this worker may be running: abort its handler now. */
  private cancelRunning(queue: string, id: string): void {
    const job = this.executor.find(queue, id);
    if (job) this.stopJob('canceled', job, new CanceledError(id, ''));
  }

  /** Aborts a running handler whose outcome no longer counts, and says why. */
  private stopJob(event: 'lost' | 'canceled', job: RunningJob, err: Error): void {
    this.executor.abandon([job], err);
    this.emit(event, job, err);
    this.hook('onStopped', job, err);
  }

  private hook(name: HookName, job: RunningJob, arg: unknown): void {
    callHook(this.taskDefs, name, job, arg, (e) => this.reportError(`${name} callback of task ${job.task} failed`, e));
  }

  private promoting = false;

  /**
   * Due scheduled jobs become queued within a tick, whatever the workers are busy with; parents'
   * ends reach children in other queues as fast.
   */
  private async promoteTick(): Promise<void> {
    if (this.promoting || this.state !== 'running') return;
    this.promoting = true;
    try {
      const outboxes = await promoteDue(this.conn.client, [...this.keys.values()]);
      for (const keys of outboxes) await deliverOutbox(this.conn.client, this.settings.prefix, keys);
    } catch (e) {
      this.reportError('promoting due jobs failed', e);
    } finally {
      this.promoting = false;
    }
  }

  private identity(): WorkerIdentity {
    return {
      name: this.name, host: hostname(), pid: process.pid, queues: [...this.queues],
      concurrency: this.concurrency, startedAt: this.startedAt, version: VERSION,
    };
  }

  private async releaseRunning(): Promise<void> {
    await this.release([...this.executor.leased.values()]);
  }

  /** Gives leases back (front of the queue) so other workers take these jobs at once. */
  private async release(jobs: RunningJob[]): Promise<void> {
    for (const [q, list] of byQueue(jobs)) {
      const err = new ClosedError(`worker ${this.name}`);
      this.executor.abandon(list, err);
      for (const job of list) this.hook('onStopped', job, err);
      try {
        const n = await giveBackLeases(this.conn.client, this.keys.get(q)!, list);
        if (n > 0) this.logger.warn(`gave back ${n} unfinished job(s) of ${q} at shutdown`);
      } catch (e) {
        this.reportError('giving back leases failed; they will expire instead', e);
      }
    }
  }

  private async deregister(): Promise<void> {
    try {
      await leaveRegistry(this.conn.client, this.settings.prefix, this.name);
    } catch (e) {
      this.reportError('leaving the worker registry failed; the entry will expire', e);
    }
  }

  private reportError(message: string, err: unknown): void {
    const detail = err instanceof Error ? err.message : String(err);
    if (this.listenerCount('error') > 0) this.emit('error', Object.assign(new Error(`${message}: ${detail}`), { cause: err }));
    else this.logger.error(message, { error: detail });
  }
}
