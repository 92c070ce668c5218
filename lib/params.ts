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

/** Most log lines one request returns (the engine's page limit; it keeps at most 1000 per job). */
export const MAX_LOG_LIMIT = 500;
export const DEFAULT_LOG_LIMIT = 100;
/** Characters of cancel reason kept with a job. */
export const MAX_CANCEL_REASON = 500;

/** Without `offset`, the newest `limit` lines. */
export const logsQuerySchema = z.object({
  offset: wholeNumber('offset', 0, 1_000_000).optional(),
  limit: wholeNumber('limit', 1, MAX_LOG_LIMIT).default(DEFAULT_LOG_LIMIT),
});
export type LogsQuery = z.infer<typeof logsQuerySchema>;

export const cancelBodySchema = z.strictObject(
  {
    reason: z
      .string({ error: 'reason must be a string' })
      .trim()
      .max(MAX_CANCEL_REASON, { error: `reason must be at most ${MAX_CANCEL_REASON} characters` })
      .optional()
      // An empty reason is no reason.
      .transform((r) => (r ? r : undefined)),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')} (only "reason" is accepted)` : 'the body must be a JSON object') },
);

export const requeueBodySchema = z.strictObject(
  { state: z.enum(['failed', 'canceled', 'finished'], { error: 'state must be one of failed, canceled, finished' }) },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')} (only "state" is accepted)` : 'the body must be a JSON object') },
);

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

/** Largest JSON body an action accepts; actions take a few small fields. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * An action's JSON body; an empty body is `{}` (every field of the actions' bodies is optional
 * or named in the 400). Not JSON, or too large: a 400 saying so.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(400, 'VALIDATION_ERROR', `the request body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new HttpError(400, 'VALIDATION_ERROR', `the request body is larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'VALIDATION_ERROR', 'the request body is not valid JSON');
  }
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
