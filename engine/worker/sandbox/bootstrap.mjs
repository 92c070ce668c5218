// Entry of every sandbox thread. Plain JavaScript because a new thread does not inherit the
// main thread's TypeScript loader: this registers tsx (as bin/conveyor.mjs does for the main
// thread) so the thread's own code and a .ts tasks file can be imported.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
