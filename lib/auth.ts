import 'server-only';
/**
 * HTTP Basic auth for the whole dashboard, on when DASHBOARD_PASSWORD is set.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from './env';

const REALM = 'Conveyor dashboard';

// Hashing first gives equal-length buffers, so the comparison time says nothing about the secret.
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function credentials(header: string | null): { user: string; password: string } | null {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** True when auth is off, or the Authorization header carries the configured user and password. */
export function isAuthorized(authorization: string | null): boolean {
  const expected = env().auth;
  if (!expected) return true;
  const given = credentials(authorization);
  if (!given) return false;
  // Both comparisons always run, so timing does not tell which one failed.
  const userOk = sameSecret(given.user, expected.user);
  const passwordOk = sameSecret(given.password, expected.password);
  return userOk && passwordOk;
}

export function unauthorizedResponse(): Response {
  return Response.json(
    { error: { code: 'UNAUTHORIZED', message: 'authentication required' } },
    { status: 401, headers: { 'WWW-Authenticate': `Basic realm="${REALM}", charset="UTF-8"`, 'Cache-Control': 'no-store' } },
  );
}
