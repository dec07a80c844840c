// The round of ls-remote-parallel.sh started by a bare Node script instead of xargs: one `git ls-remote` per
// repository, 16 at a time, asked as the CLI asks (protocol version 0, the ref and its peeled tag) and with the pipes
// the CLI opens (stdin, stdout, stderr; its own process group). Beside the xargs round it shows what starting the
// children from Node costs, apart from anything the CLI itself does.
// usage: node ls-remote-node.mjs BASE_URL REPO_NAMES_FILE
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CONCURRENCY = 16;
const [base, namesFile] = process.argv.slice(2);
const names = readFileSync(namesFile, 'utf8').split('\n').filter(Boolean);

function lsRemote(name) {
  return new Promise((resolve, reject) => {
    const args = ['-c', 'protocol.version=0', 'ls-remote', '--', `${base}/${name}`, 'main', 'main^{}'];
    const child = spawn('git', args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    child.stdout.resume();
    child.stderr.resume();
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ls-remote ${name} exited ${code}`))));
  });
}

let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < names.length) await lsRemote(names[next++]);
  }),
);
