// Bundles the compiled entry points (lib/) into dist/ with ncc: the CLI and the action's main and post.
// ncc writes dist/<entry>/package.json = {"type":"module"} for ESM bundles; it is committed with the bundle.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const entries = [
  ['lib/cli/index.js', 'dist/cli'],
  ['lib/action/main.js', 'dist/main'],
  ['lib/action/post.js', 'dist/post'],
];

for (const [entry, out] of entries) {
  rmSync(out, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      entry,
      '-o',
      out,
      '--quiet',
      '--target',
      'es2022',
      // The licence texts of every package bundled into this entry, shipped beside it (MIT and friends ask for it).
      '--license',
      'licenses.txt',
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Source maps are not emitted.
}

const cli = 'dist/cli/index.js';
const body = readFileSync(cli, 'utf8');
if (!body.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${body}`);
chmodSync(cli, 0o755);
