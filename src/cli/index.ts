#!/usr/bin/env node
import { tmpdir } from 'node:os';
import { enablePrivateCompileCache } from './compile-cache.js';

// Where the runtime has it (Node 22.1+), keep V8's compiled code on disk so the next start skips compiling the CLI;
// it must be on before the CLI's code loads, hence the dynamic import below. Older runtimes lack it and start as before.
enablePrivateCompileCache(process.env, tmpdir(), process.getuid?.() ?? null);
const { main } = await import('./main.js');
await main();
