export const STAMP: string;
export function newestSource(root: string): number;
export function buildNeeded(root: string): string | null;
export function buildApp(
  root: string,
  options?: { force?: boolean; log?: (msg: string) => void },
): Promise<{ ok: boolean; built: boolean; why: string }>;
