import 'server-only';
/**
 * zod schemas for every parameter the API and pages take, and helpers that turn a failed parse
 * into a 400 naming the parameter.
 */
import { z } from 'zod';
import { JOB_STATES, validateJobId, validateQueueName } from '@/engine';
import { HttpError } from './http';

/** Wraps an engine validator (which throws with a clear message) as a zod check. */
function engineRule(validate: (v: unknown) => string) {
  return z.string().superRefine((value, ctx) => {
    try {
      validate(value);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
    }
  });
}

export const queueNameSchema = engineRule(validateQueueName);
export const jobIdSchema = engineRule((v) => validateJobId(v, 'job id'));
export const stateSchema = z.enum(JOB_STATES, { error: `state must be one of ${JOB_STATES.join(', ')}` });

const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(max, { error: `${name} must be at most ${max}` });

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Stats window in seconds: the engine keeps 5-s buckets and answers at most 360 of them. */
export const MAX_WINDOW_SECONDS = 1800;

export const jobListQuerySchema = z.object({
  state: stateSchema.default('queued'),
  page: wholeNumber('page', 1, 1_000_000).default(1),
  pageSize: wholeNumber('pageSize', 1, MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type JobListQuery = z.infer<typeof jobListQuerySchema>;

export const statsQuerySchema = z.object({
  window: wholeNumber('window', 10, MAX_WINDOW_SECONDS).default(600),
});

export const queueParamsSchema = z.object({ queue: queueNameSchema });
export const jobParamsSchema = z.object({ queue: queueNameSchema, id: jobIdSchema });

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.join('.');
      return where && !i.message.startsWith(where) ? `${where}: ${i.message}` : i.message;
    })
    .join('; ');
}

/** Parses `input` or throws a 400 HttpError whose message names the bad parameter. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new HttpError(400, 'VALIDATION_ERROR', describeIssues(result.error));
  return result.data;
}

/** Query-string parameters as a plain object; absent keys stay absent so defaults apply. */
export function searchObject(search: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (search instanceof URLSearchParams) {
    for (const [k, v] of search) if (!(k in out)) out[k] = v;
    return out;
  }
  for (const [k, v] of Object.entries(search)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first;
  }
  return out;
}
