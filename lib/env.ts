import 'server-only';
/**
 * Dashboard configuration, read from the environment once per process and checked with zod.
 * A bad value stops the server with a message naming the variable; nothing else reads process.env.
 */
import { z } from 'zod';

const PREFIX = /^[A-Za-z0-9_.:-]{1,64}$/;

const flag = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: `${name} must be true or false` })
    .optional()
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z
  .object({
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, { error: 'REDIS_URL must be a redis:// or rediss:// URL' })
      .default('redis://127.0.0.1:6379'),
    CONVEYOR_PREFIX: z
      .string()
      .regex(PREFIX, { error: 'CONVEYOR_PREFIX must be 1-64 characters of A-Z a-z 0-9 _ . : -' })
      .default('conveyor'),
    DASHBOARD_USER: z.string().regex(/^[^:]+$/, { error: 'DASHBOARD_USER may not contain ":"' }).optional(),
    DASHBOARD_PASSWORD: z.string().optional(),
    DASHBOARD_READ_ONLY: flag('DASHBOARD_READ_ONLY'),
  })
  .refine((e) => e.DASHBOARD_USER === undefined || e.DASHBOARD_PASSWORD !== undefined, {
    error: 'DASHBOARD_USER is set but DASHBOARD_PASSWORD is not: set both (or neither) to protect the dashboard',
    path: ['DASHBOARD_USER'],
  });

export interface DashboardEnv {
  redisUrl: string;
  prefix: string;
  /** null when the dashboard is open (no password set) */
  auth: { user: string; password: string } | null;
  readOnly: boolean;
}

/** Basic auth user name when only DASHBOARD_PASSWORD is set. */
export const DEFAULT_DASHBOARD_USER = 'admin';

type RawEnv = Record<string, string | undefined>;

/** Parses `raw` (process.env by default); empty strings count as unset, as in most .env files. */
export function parseEnv(raw: RawEnv = process.env): DashboardEnv {
  const picked = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((k) => [k, raw[k] === '' ? undefined : raw[k]]),
  );
  const result = EnvSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`Conveyor dashboard: invalid environment\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    redisUrl: e.REDIS_URL,
    prefix: e.CONVEYOR_PREFIX,
    auth: e.DASHBOARD_PASSWORD === undefined ? null : { user: e.DASHBOARD_USER ?? DEFAULT_DASHBOARD_USER, password: e.DASHBOARD_PASSWORD },
    readOnly: e.DASHBOARD_READ_ONLY,
  };
}

let cached: DashboardEnv | undefined;

/** The process's configuration, parsed on first use. */
export function env(): DashboardEnv {
  cached ??= parseEnv();
  return cached;
}
