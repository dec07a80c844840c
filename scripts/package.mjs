// Bundles the compiled entry points (lib/) into dist/ with ncc: the CLI and the action's main and post.
// ncc writes dist/<entry>/package.json = {"type":"module"} for ESM bundles; it is committed with the bundle.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

// ncc writes licenses.txt once per chunk, each over the last: a bundle split into chunks can ship the licences of
// one chunk only. Each file must still name the packages its bundle carries.
const shipped = { 'dist/cli': ['yaml'], 'dist/main': ['@actions/cache', 'yaml'], 'dist/post': ['@actions/cache'] };
for (const [dir, packages] of Object.entries(shipped)) {
  const names = new Set(readFileSync(join(dir, 'licenses.txt'), 'utf8').split('\n'));
  const missing = packages.filter((name) => !names.has(name));
  if (missing.length > 0) {
    console.error(
      `${dir}/licenses.txt does not list ${missing.join(', ')}: the bundle was split so its licences were lost`,
    );
    process.exit(1);
  }
}

const cli = 'dist/cli/index.js';
const body = readFileSync(cli, 'utf8');
if (!body.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${body}`);
chmodSync(cli, 0o755);
