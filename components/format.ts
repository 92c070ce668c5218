/**
 * Formatting of times, durations and sizes. Times are shown with an explicit zone: UTC, or the
 * browser's zone with its abbreviation.
 */

export type TimeZoneMode = 'utc' | 'local';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function localZoneName(date: Date): string {
  const part = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'local';
}

/** "2026-12-03 19:35:50 UTC" (or the local time with the local zone's name). */
export function formatTimestamp(ms: number, mode: TimeZoneMode, withZone = true): string {
  const d = new Date(ms);
  const utc = mode === 'utc';
  const date = `${utc ? d.getUTCFullYear() : d.getFullYear()}-${pad((utc ? d.getUTCMonth() : d.getMonth()) + 1)}-${pad(utc ? d.getUTCDate() : d.getDate())}`;
  const time = `${pad(utc ? d.getUTCHours() : d.getHours())}:${pad(utc ? d.getUTCMinutes() : d.getMinutes())}:${pad(utc ? d.getUTCSeconds() : d.getSeconds())}`;
  if (!withZone) return `${date} ${time}`;
  return `${date} ${time} ${utc ? 'UTC' : localZoneName(d)}`;
}

/** The zone label for column headers: "UTC" or e.g. "CET". */
export function zoneLabel(mode: TimeZoneMode): string {
  return mode === 'utc' ? 'UTC' : localZoneName(new Date());
}

/** "850 ms", "2.4 s", "3 min 5 s", "2 h 3 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 10_000) return `${(abs / 1000).toFixed(1)} s`;
  const s = Math.floor(abs / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const d = Math.floor(h / 24);
  return `${d} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

/** "3 min ago" / "in 5 s" relative to `now`. */
export function formatRelative(ms: number, now: number): string {
  const diff = now - ms;
  if (Math.abs(diff) < 1000) return 'just now';
  return diff > 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(-diff)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const numberFormat = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => numberFormat.format(n);

/** TTLs and timeouts: -1 means "forever"/"no limit", null the default. */
export function formatLimit(ms: number | null, unlimited: string, fallback = 'default'): string {
  if (ms === null) return fallback;
  if (ms === -1) return unlimited;
  if (ms === 0) return '0 (deleted at once)';
  return formatDuration(ms);
}
