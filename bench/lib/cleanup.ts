/**
 * Long-lived processes of a run (redis-servers, the dashboard) register how to stop them here,
 * so an interrupted or crashed run still stops everything it started.
 */
const stoppers = new Set<() => Promise<void>>();
let stopping = false;

/** Registers `stop`; returns a function that runs it once and forgets it. */
export function stopLater(stop: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  const once = () => {
    stoppers.delete(once);
    done ??= stop();
    return done;
  };
  stoppers.add(once);
  if (stopping) void once(); // started while the run was being torn down
  return once;
}

export async function stopEverything(): Promise<void> {
  stopping = true;
  for (const stop of [...stoppers].reverse()) await stop().catch(() => {});
}
