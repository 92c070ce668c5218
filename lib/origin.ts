import 'server-only';
/**
 * CSRF defence for mutating routes: the request must come from a page of this same origin.
 * Browsers always send Origin on POST/DELETE and Sec-Fetch-Site on modern versions; a cross-site
 * form or fetch cannot fake either, and cannot set custom headers without a CORS preflight.
 */

function requestHost(headers: Headers): string | null {
  // Behind a reverse proxy the public host arrives in X-Forwarded-Host.
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || headers.get('host');
}

export function isSameOrigin(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  if (site === 'same-origin') return true;
  if (site === 'cross-site') return false;
  const origin = headers.get('origin');
  if (!origin || origin === 'null') return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost === requestHost(headers);
}
