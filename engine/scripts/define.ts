import type { QueueKeys } from '../keys';
import { LUA_HELPERS } from './helpers';
import { LUA_DEPENDENCIES } from './dependencies';
import { LUA_TRANSITIONS } from './transitions';

export { STATS_BUCKET_MS } from './helpers';

export type ScriptKey = Exclude<keyof QueueKeys, 'jobPrefix'>;

/** A Lua script for one state transition. `keys` names its KEYS, in order, from QueueKeys. */
export interface ScriptDef {
  name: string;
  keys: readonly ScriptKey[];
  lua: string;
}

/**
 * Builds a script: its contract comment first (what it does, KEYS, ARGV, return value), then
 * `K` (the KEYS by name, so helpers and bodies never count positions), the shared helpers and
 * transitions, then the body, run as a function so the sorted-set writes and events it gathered are written after it.
 */
export function defineScript(def: { name: string; keys: ScriptDef['keys']; contract: string; body: string }): ScriptDef {
  const names = def.keys.map((k, i) => `${k} = KEYS[${i + 1}]`).join(', ');
  const body = `local function main()\n${def.body.trim()}\nend\nlocal result = main()\nflushZsets()\nflushEvents()\nreturn result\n`;
  const lua = `--[[ ${def.name}: ${def.contract.trim()}\n]]\nlocal K = { ${names} }\n${LUA_HELPERS}\n${LUA_DEPENDENCIES}\n${LUA_TRANSITIONS}\n${body}`;
  return { name: def.name, keys: def.keys, lua };
}
