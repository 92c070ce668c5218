import { checkHealth } from '@/lib/health';
import { jsonResponse, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** Open without auth so load balancers can call it; says nothing but up/down and latency. */
export const GET = route(
  async () => {
    const health = await checkHealth();
    return jsonResponse(health, health.ok ? 200 : 503);
  },
  { public: true },
);
