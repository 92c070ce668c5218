/**
 * HTTP Basic auth in front of every page and API route (when DASHBOARD_PASSWORD is set), except
 * the health check and static assets. Route handlers check again themselves (lib/http.ts).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { isAuthorized, unauthorizedResponse } from '@/lib/auth';

export function proxy(request: NextRequest) {
  if (isAuthorized(request.headers.get('authorization'))) return NextResponse.next();
  return unauthorizedResponse();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|icon\\.svg|favicon\\.ico|api/health$).*)'],
};
