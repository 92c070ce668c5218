/**
 * Tells a worker's listeners and task callbacks how the outcomes of one round trip ended, once
 * Redis has accepted them: an outcome whose lease was lost meanwhile is reported as lost, never
 * as done. Listeners are optional: events nobody listens to are not built.
 */
import type { EventEmitter } from 'node:events';
import { LeaseLostError } from '../errors';
import type { HookName } from './hooks';
import type { Outcome } from './reports';
import type { RunningJob } from './running-job';

export type CallHook = (name: HookName, job: RunningJob, arg: unknown) => void;

/** Emits each outcome's event and calls its hook; returns how many finished and failed. */
export function announceOutcomes(
  to: EventEmitter,
  outcomes: readonly Outcome[],
  lost: ReadonlySet<string>,
  hook: CallHook,
): { finished: number; failed: number } {
  let finished = 0;
  let failed = 0;
  const emit = (event: string, ...args: unknown[]) => {
    if (to.listenerCount(event) > 0) to.emit(event, ...args);
  };
  for (const o of outcomes) {
    if (lost.has(o.job.id)) {
      const err = new LeaseLostError(o.job.id);
      to.emit('lost', o.job, err);
      hook('onStopped', o.job, err);
    } else if (o.kind === 'complete') {
      finished++;
      emit('completed', o.job, o.value);
      hook('onSuccess', o.job, o.value);
    } else if (o.kind === 'fail') {
      failed++;
      emit('failed', o.job, o.cause);
      hook('onFailure', o.job, o.cause);
    } else {
      emit('retrying', o.job, o.cause, o.delay);
    }
  }
  return { finished, failed };
}
