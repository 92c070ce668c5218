#!/usr/bin/env node
// The `conveyor` command. The engine is TypeScript; tsx compiles it (and a .ts tasks file) on load.
import { register } from 'tsx/esm/api';

register();
await import('../engine/cli/main.ts');
