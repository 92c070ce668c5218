import 'server-only';
/**
 * HTTP glue for route handlers: the one place that maps engine error codes to statuses, and the
 * `route()` wrapper every handler uses (auth, read-only mode, same-origin check, error mapping).
 */
import { isAuthorized, unauthorizedResponse } from './auth';
import { env } from './env';
import { isSameOrigin } from './origin';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

// Failures that mean "Redis is not reachable/usable right now", as ioredis and Redis report them.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const CONNECTION_NAMES = new Set(['MaxRetriesPerRequestError', 'RedisUnavailableError']);
const CONNECTION_MESSAGES = [/^Connection is closed/, /Stream isn't writeable/, /^(NOAUTH|WRONGPASS|LOADING|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/];

export function isRedisConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  if (CONNECTION_NAMES.has(err.name)) return true;
  return CONNECTION_MESSAGES.some((re) => re.test(err.message));
}

/** Redis's own refusals (NOAUTH, LOADING...) say what is wrong; socket-level failures do not. */
function unavailableMessage(err: Error): string {
  if (/^[A-Z]{4,}\b/.test(err.message)) return `Redis is unavailable: ${err.message}`;
  const code = (err as { code?: unknown }).code;
  return `Redis is unavailable: the dashboard cannot reach the Redis server${typeof code === 'string' ? ` (${code})` : ''}`;
}

function engineCode(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Maps any thrown value to an HttpError. Unknown errors become a 500 that leaks no internals. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (isRedisConnectionError(err)) return new HttpError(503, 'REDIS_UNAVAILABLE', unavailableMessage(err as Error));
  const code = engineCode(err);
  switch (code) {
    case 'VALIDATION_ERROR':
    case 'PAYLOAD_NOT_JSON':
      return new HttpError(400, code, message);
    case 'JOB_NOT_FOUND':
    case 'QUEUE_NOT_FOUND':
      return new HttpError(404, code, message);
    case 'INVALID_STATE':
    case 'LEASE_LOST':
      return new HttpError(409, code, message);
    default:
      return new HttpError(500, 'INTERNAL_ERROR', 'internal server error (see the server log)');
  }
}

const NO_STORE = { 'Cache-Control': 'no-store' };

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

export function errorResponse(err: unknown): Response {
  const httpError = toHttpError(err);
  if (httpError.status >= 500 && httpError.code === 'INTERNAL_ERROR') console.error('[conveyor] request failed:', err);
  return jsonResponse({ error: { code: httpError.code, message: httpError.message } }, httpError.status);
}

export interface RouteOptions {
  /** POST/DELETE handlers: refused in read-only mode and for cross-origin requests */
  mutates?: boolean;
  /** skip Basic auth (only the health check, which load balancers call) */
  public?: boolean;
}

type Params = Record<string, string>;
type Handler<P extends Params> = (request: Request, params: P) => Promise<unknown>;

/** Refusals that come before the handler runs: auth, read-only mode, cross-origin mutations. */
function refusal(request: Request, options: RouteOptions): Response | null {
  if (!options.public && !isAuthorized(request.headers.get('authorization'))) return unauthorizedResponse();
  if (!options.mutates) return null;
  if (env().readOnly) {
    return errorResponse(new HttpError(403, 'READ_ONLY', 'the dashboard is read-only (DASHBOARD_READ_ONLY=true)'));
  }
  if (!isSameOrigin(request.headers)) {
    return errorResponse(new HttpError(403, 'CROSS_ORIGIN', 'cross-origin request refused: Origin must match the dashboard host'));
  }
  return null;
}

/**
 * Wraps a route handler: checks access, awaits the dynamic params, turns a returned value into
 * JSON (a returned Response passes through) and any thrown error into a JSON error response.
 */
export function route<P extends Params = Params>(handler: Handler<P>, options: RouteOptions = {}) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const refused = refusal(request, options);
      if (refused) return refused;
      const result = await handler(request, await context.params);
      return result instanceof Response ? result : jsonResponse(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
