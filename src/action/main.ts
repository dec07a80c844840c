import { exitOnSignals } from '../ports/exit-on-signals.js';
import { runMain } from './run-main.js';
// The CLI loads the YAML library on its first YAML file; the action bundles it in its one file.
// ncc writes the licences file once per chunk, each over the last, so a split action would ship only the YAML
// library's licence. One start per job has no start-up time to save.
import '../yaml/yaml-library.js';

// A cancelled workflow sends SIGINT, then SIGTERM: stop the children and clean up before the runner kills us.
exitOnSignals((text) => process.stderr.write(text));
await runMain(process.env);
