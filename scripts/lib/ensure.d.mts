export class SetupError extends Error {}
export const SYSTEM_PACKAGES: Record<string, () => boolean>;
export function missingSystemPackages(names: string[], checks?: Record<string, () => boolean>): string[];
export function aptCommand(packages: string[], sudo?: boolean): string;
export function ensureSystemPackages(names: string[]): void;
export function lockMismatch(lock: unknown, installed: unknown): string | null;
export function ensureNodeModules(root: string): void;
export function ensureAll(root: string, systemPackages: string[]): void;
