/**
 * Worker: leases jobs from one or more queues (in priority order) and runs their handlers.
 *
 * Its Fetcher claims jobs and writes their outcomes (fetcher.ts); the Executor runs handlers. The
 * Worker owns the lifecycle (start, graceful close, signals), a heartbeat timer that keeps leases
 * alive, takes back dead workers' jobs and keeps the registry entry fresh, the promotion tick,
 * cancel commands, and the events and callbacks that say how each job ended.
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { closeClient, connect, type OwnedClient } from '../connection';
import { CanceledError, ClosedError, LeaseLostError, ValidationError } from '../errors';
import { deliverOutbox } from '../dependencies';
import { queueKeys, queuesKey, validateQueueName, type QueueKeys } from '../keys';
import { Executor } from './executor';
import { heartbeat, type WorkerIdentity } from './heartbeat';
import { Notifier } from './notifier';
import { Fetcher, type FetcherHost } from './fetcher';
import { announceOutcomes } from './announce';
import type { JobReporter, RunningJob } from './running-job';
import { listenForCancels, jobReporter, promoteDue, PROMOTE_TICK_MS } from './control';
import { callHook, taskTable, type HookName, type Task, type TaskTable } from './hooks';
import { byQueue, giveBackLeases, handleShutdownSignals, leaveRegistry } from './shutdown';
import { consoleLogger, resolveSettings, type Logger, type WorkerOptions, type WorkerSettings } from './settings';

const VERSION = '0.1.0';

type State = 'new' | 'running' | 'stopping' | 'stopped';

export class Worker extends EventEmitter {
  readonly name: string;
  readonly queues: readonly string[];
  private readonly settings: WorkerSettings;
  private readonly logger: Logger;
  private readonly conn: OwnedClient;
  private readonly keys = new Map<string, QueueKeys>();
  private readonly executor: Executor;
  private readonly taskDefs: TaskTable;
  private readonly reporter: JobReporter;
  private subscriber: Redis | undefined;
  private promoteTimer: NodeJS.Timeout | undefined;
  private readonly notifier = new Notifier();
  private readonly fetcher: Fetcher;
  private state: State = 'new';
  private fetching: Promise<unknown> = Promise.resolve();
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
    for (const q of this.queues) this.keys.set(q, queueKeys(this.settings.prefix, q));
    this.taskDefs = taskTable(handlers);
    this.executor = new Executor(this.taskDefs.handlers, this.settings.concurrency, this.settings.timeout, () => this.notifier.notify());
    this.conn = connect(options.connection, 'worker');
    this.reporter = jobReporter(this.conn.client, (q) => this.keys.get(q)!);
    this.fetcher = new Fetcher(this.fetcherHost(), {
      client: this.conn.client, queues: this.queues, keys: this.keys, executor: this.executor,
      notifier: this.notifier, settings: this.settings, reporter: this.reporter,
    });
  }

  private fetcherHost(): FetcherHost {
    return {
      name: this.name,
      running: () => this.state === 'running',
      written: (outcomes, lost) => {
        const counts = announceOutcomes(this, outcomes, lost, (name, job, arg) => this.hook(name, job, arg));
        this.processed += counts.finished;
        this.failed += counts.failed;
      },
      release: (jobs) => this.release(jobs),
      reportError: (message, err) => this.reportError(message, err),
    };
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
    await this.conn.client.sadd(queuesKey(this.settings.prefix), ...this.queues);
    this.subscriber = await listenForCancels(this.conn.client, this.settings.prefix, (q, id) => this.cancelRunning(q, id));
    await this.beat();
    this.heartbeatTimer = setInterval(() => void this.beat(), this.settings.heartbeatMs);
    this.promoteTimer = setInterval(() => void this.promoteTick(), PROMOTE_TICK_MS);
    if (this.settings.handleSignals) {
      this.removeSignalHandlers = handleShutdownSignals(this.logger, () => void this.close(), () => this.hurry());
    }
    this.fetching = this.fetcher.run();
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
    this.fetcher.stopBlocking();
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
      await this.fetching;
      await this.deregister();
    }
    clearInterval(this.heartbeatTimer);
    this.executor.stop();
    this.removeSignalHandlers?.();
    this.state = 'stopped';
    await closeClient(this.conn);
    this.emit('closed');
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
      if (result.reaped > 0) this.fetcher.markWork(this.queues);
      else this.notifier.notify();
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
