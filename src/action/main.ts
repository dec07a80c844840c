import { exitOnSignals } from '../ports/exit-on-signals.js';
import { runMain } from './run-main.js';

// A cancelled workflow sends SIGINT, then SIGTERM: stop the children and clean up before the runner kills us.
exitOnSignals((text) => process.stderr.write(text));
await runMain(process.env);
