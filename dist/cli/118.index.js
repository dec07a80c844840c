export const id = 118;
export const ids = [118];
export const modules = {

/***/ 7118:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// UNUSED EXPORTS: cliPipelineOptions, runCli

;// CONCATENATED MODULE: ./lib/ci-cache/cache-store.js
/**
 * The CI cache as a port. The Actions implementation lives in `src/action/cache-store.ts` (the only place that
 * imports `@actions/cache`); everywhere else, `noCacheStore`. Implementations never throw: cache trouble is a
 * warning and a fetch, never a failed run.
 */
const noCacheStore = {
    available: false,
    restore: async () => null,
    lookup: async () => false,
    save: async () => false,
};

// EXTERNAL MODULE: ./lib/errors.js
var errors = __webpack_require__(452);
;// CONCATENATED MODULE: ./lib/namespace-dirs.js
/**
 * A namespace directory the caller named (`--namespace N=DIR`, the library's `namespaces`) that does not exist is a
 * typo, not a skipped include: refused before anything runs, by the CLI and the library alike.
 */

async function checkNamespaceDirs(fs, namespaces, wording) {
    for (const { name, dir } of namespaces) {
        const stat = await fs.stat(dir).catch(() => null);
        if (!stat?.isDirectory) {
            throw new errors/* InputError */.dz('usage', `${wording.label(name, dir)}: no such directory`, { fix: wording.fix(name) });
        }
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./lib/options/closest-name.js
/**
 * The known name a misspelt one most likely meant (`--installer-args` -> `installer-arg`, `profile` -> `profiles`),
 * for the CLI's flags and the library's option keys alike.
 */
/** Edits (insert, delete, substitute) between two words; small words, so the plain table is enough. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i += 1) {
        const current = [i];
        for (let j = 1; j <= b.length; j += 1) {
            const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
            current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/** The known name closest to `name`, when it is close enough to be a typo of it (case aside: `importcheck`). */
function closestName(name, known) {
    let best = null;
    for (const candidate of known) {
        const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
        if (best === null || distance < best.distance)
            best = { name: candidate, distance };
    }
    if (best === null)
        return null;
    const tolerated = Math.max(2, Math.floor(best.name.length / 4));
    return best.distance <= tolerated ? best.name : null;
}

;// CONCATENATED MODULE: ./lib/model.js
/**
 * The domain model shared by every stage of the flow (docs/architecture.md):
 * declarations -> resolution (with its trail) -> pinned source -> installed path -> audit findings.
 */
/** Every command, in the order `--help` lists them. */
const COMMANDS = ['resolve', 'warm', 'install', 'verify', 'doctor', 'prune', 'lock'];
/** The commands that run the module pipeline (declarations to audit); the action runs only these. */
const MODULE_COMMANDS = ['resolve', 'warm', 'install', 'verify'];
const MODULE_KINDS = (/* unused pure expression or super */ null && (['orchestrator', 'context', 'provider', 'tool', 'hook']));
const LAYER_ORDER = ['env', 'workspace', 'settings', 'collection', 'profile', 'package'];

;// CONCATENATED MODULE: ./lib/result.js
function ok(value) {
    return { ok: true, value };
}
function err(error) {
    return { ok: false, error };
}

;// CONCATENATED MODULE: ./lib/options/option-kinds.js
/**
 * The shapes an entry of the option table can take, and the pure checks they share. A check never throws and never
 * names a front end: it returns the value or the problem, and the CLI or the action words the problem for its user
 * (`--installer ...` or `input 'installer' ...`).
 */



function booleanOption(spec) {
    return { kind: 'boolean', ...spec };
}
function textOption(spec) {
    return { kind: 'text', ...spec };
}
function listOption(spec) {
    return { kind: 'list', ...spec };
}
function accept(value) {
    return ok(value);
}
function reject(problem, example) {
    return err({ problem, example });
}
/** Any text at all (a path, a file name); the front end makes it absolute against its own base. */
function anyText(raw) {
    return accept(raw);
}
/** Any text, for an option whose default is "not given" (null). */
function optionalText(raw) {
    return accept(raw);
}
function oneOf(allowed) {
    return (raw) => allowed.includes(raw)
        ? accept(raw)
        : reject(`must be one of ${allowed.join(', ')}, not '${raw}'`, allowed.join('|'));
}
/** `--namespace NAME=DIR`. */
function namespaceMapping(raw) {
    const eq = raw.indexOf('=');
    const name = eq > 0 ? raw.slice(0, eq) : '';
    const dir = eq > 0 ? raw.slice(eq + 1) : '';
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || dir === '') {
        return reject(`expects NAME=DIR, got '${raw}'`, 'foundation=./vendor/amplifier-foundation');
    }
    return accept({ name, dir });
}

;// CONCATENATED MODULE: ./lib/options/output-options.js
/** The CLI's own output options (the action and the library have their own outputs): part of the option table. */

const OUTPUT_OPTIONS = {
    format: textOption({
        flag: 'format',
        input: null,
        valueName: 'text|json',
        default: 'text',
        commands: COMMANDS,
        help: 'json: every outcome as one JSON document on stdout, logs on stderr',
        check: oneOf(['text', 'json']),
    }),
    report: textOption({
        flag: 'report',
        input: null,
        valueName: 'FILE',
        default: null,
        commands: COMMANDS,
        help: 'also write the JSON report to FILE',
        check: optionalText,
    }),
    verbose: booleanOption({
        flag: 'verbose',
        short: 'v',
        input: null,
        default: false,
        commands: COMMANDS,
        help: "debug output, including the installer's own output as it runs",
    }),
    quiet: booleanOption({
        flag: 'quiet',
        short: 'q',
        input: null,
        default: false,
        commands: COMMANDS,
        help: 'print only errors and the closing line',
    }),
    color: textOption({
        flag: 'color',
        input: null,
        valueName: 'auto|always|never',
        default: 'auto',
        commands: COMMANDS,
        help: 'colour status words: auto (a terminal, unless NO_COLOR is set or FORCE_COLOR asks), always or never',
        check: oneOf(['auto', 'always', 'never']),
    }),
};

;// CONCATENATED MODULE: ./lib/options/prune-options.js
/** prune's own options: the quarantine's retention, emptying it, and what to do with no declarations. */

/** How long a quarantined clone is kept before a prune deletes it (the option table sits below every stage). */
const DEFAULT_RETENTION_DAYS = 14;
function retentionDays(raw) {
    if (!/^\d{1,5}$/.test(raw))
        return reject(`must be a whole number of days, not '${raw}'`, String(DEFAULT_RETENTION_DAYS));
    return accept(Number(raw));
}
const PRUNE_OPTIONS = {
    retentionDays: textOption({
        flag: 'retention-days',
        input: null,
        valueName: 'DAYS',
        default: null,
        commands: ['prune'],
        help: `delete quarantined clones moved more than DAYS days ago (default: ${DEFAULT_RETENTION_DAYS})`,
        check: retentionDays,
    }),
    purge: booleanOption({
        flag: 'purge',
        input: null,
        default: false,
        commands: ['prune'],
        help: 'empty the quarantine now (deletes every quarantined clone)',
    }),
    pruneIncludes: booleanOption({
        flag: 'include-clones',
        input: null,
        default: false,
        commands: ['prune'],
        help: 'with no declarations found, also quarantine clones that are not module repositories (bundle includes)',
    }),
};

;// CONCATENATED MODULE: ./lib/options/option-table.js
/**
 * The one declaration of every option: its CLI flag, its action input, its default, its check and the commands it
 * applies to. The CLI's parser and help and the action's input reader are built from this table; a new option is
 * one entry here (plus its line in action.yml when the action offers it, which a test compares).
 */




const FETCHING_COMMANDS = ['warm', 'install', 'verify'];
const INSTALLING_COMMANDS = ['install', 'verify', 'doctor'];
/** The installer choices (stages/install/installer-choice.ts names the same three); the table stays below every stage. */
const INSTALLERS = ['auto', 'uv', 'pip'];
const DEFAULT_CACHE_KEY_PREFIX = 'amplifier-modules';
/** The lock file's name beside the declarations (lock/lock-file.ts re-exports it): the table stays below every stage. */
const DEFAULT_LOCK_FILE_NAME = 'amplifier-modules.lock';
/** The cache service rejects commas in keys and keys over 512 characters; the hash and platform need ~90 of them. */
function cacheKeyPrefix(raw) {
    if (raw.includes(',') || /\s/.test(raw) || raw.length > 400 || raw === '') {
        return reject(`must be at most 400 characters without commas or spaces, not '${raw}'`, `${DEFAULT_CACHE_KEY_PREFIX} (or another short word)`);
    }
    return accept(raw);
}
const OPTION_TABLE = {
    profiles: listOption({
        flag: 'profile',
        short: 'p',
        input: 'profile',
        valueName: 'PATH',
        commands: COMMANDS,
        help: 'a profile or bundle file; repeatable (default: auto-detect under <workspace>/.amplifier/)',
        check: anyText,
    }),
    workspace: textOption({
        flag: 'workspace',
        short: 'w',
        input: 'workspace',
        valueName: 'DIR',
        default: null,
        commands: COMMANDS,
        help: 'project root holding .amplifier/ (default: the current directory)',
        check: optionalText,
    }),
    namespaces: listOption({
        flag: 'namespace',
        input: null,
        valueName: 'N=DIR',
        commands: COMMANDS,
        help: 'map a bundle namespace or profile collection N to a local directory; repeatable',
        check: namespaceMapping,
    }),
    strict: booleanOption({
        flag: 'strict',
        input: 'strict',
        default: false,
        commands: [...MODULE_COMMANDS, 'lock', 'doctor'],
        help: 'unresolvable includes and warnings fail the run',
    }),
    home: textOption({
        flag: 'home',
        input: 'amplifier-home',
        valueName: 'DIR',
        default: null,
        commands: COMMANDS,
        help: 'Amplifier home (default: $AMPLIFIER_HOME or ~/.amplifier); module cache is <home>/cache',
        check: optionalText,
    }),
    python: textOption({
        flag: 'python',
        input: 'python',
        valueName: 'PATH',
        default: null,
        commands: COMMANDS,
        help: 'interpreter of the target environment (default: $VIRTUAL_ENV, <workspace>/.venv, python3)',
        check: optionalText,
    }),
    installer: textOption({
        flag: 'installer',
        input: 'installer',
        valueName: INSTALLERS.join('|'),
        default: 'auto',
        commands: INSTALLING_COMMANDS,
        help: 'installer for the editable installs (default: auto, uv when on PATH, else pip)',
        check: oneOf(INSTALLERS),
    }),
    installerArgs: listOption({
        flag: 'installer-arg',
        input: null,
        valueName: 'ARG',
        commands: INSTALLING_COMMANDS,
        help: 'extra argument for the installer; repeatable (write --installer-arg=--flag)',
        check: anyText,
    }),
    install: booleanOption({
        flag: 'no-install',
        input: null,
        default: true,
        commands: ['verify'],
        help: 'audit the environment as it is, without installing first',
    }),
    reinstall: booleanOption({
        flag: 'reinstall',
        input: null,
        default: false,
        commands: ['install', 'verify'],
        help: 'reinstall every module (default: only new, moved, broken or changed ones)',
    }),
    fix: booleanOption({
        flag: 'fix',
        input: null,
        default: false,
        commands: ['doctor'],
        help: 'reinstall dangling editables; drop stale Amplifier install-state entries',
    }),
    dryRun: booleanOption({
        flag: 'dry-run',
        input: null,
        default: false,
        commands: ['install', 'prune'],
        help: 'install: say what would be installed and why, install nothing; prune: only list what would be quarantined or deleted',
    }),
    ...PRUNE_OPTIONS,
    offline: booleanOption({
        flag: 'offline',
        input: 'offline',
        default: false,
        // resolve never fetches; it takes the flag so one command line works for resolve and warm alike.
        commands: MODULE_COMMANDS,
        help: 'no network: a module not already in the cache is an error',
    }),
    session: booleanOption({
        flag: 'session',
        input: 'session',
        default: false,
        commands: [...MODULE_COMMANDS, 'lock', 'doctor'],
        help: 'what the Amplifier CLI loads for a session: the bundle plus the behaviors, app bundles and settings providers it adds, in its order',
    }),
    importCheck: booleanOption({
        flag: 'import',
        input: 'import-check',
        default: false,
        commands: ['verify', 'doctor'],
        help: 'also import each module in an isolated interpreter',
    }),
    cache: booleanOption({
        flag: null,
        input: 'cache',
        default: true,
        commands: FETCHING_COMMANDS,
        help: 'restore the module cache from the CI cache and save it in the post step',
    }),
    cacheKeyPrefix: textOption({
        flag: null,
        input: 'cache-key-prefix',
        valueName: 'PREFIX',
        default: DEFAULT_CACHE_KEY_PREFIX,
        commands: FETCHING_COMMANDS,
        help: 'first part of the CI cache key',
        check: cacheKeyPrefix,
    }),
    restoreOnly: booleanOption({
        flag: null,
        input: 'restore-only',
        default: false,
        commands: FETCHING_COMMANDS,
        help: 'restore the module cache but never save it (pull-request jobs)',
    }),
    saveOnly: booleanOption({
        flag: null,
        input: 'save-only',
        default: false,
        commands: FETCHING_COMMANDS,
        help: 'never restore; fetch from git and save the module cache in the post step',
    }),
    lookupOnly: booleanOption({
        flag: null,
        input: 'lookup-only',
        default: false,
        commands: ['warm'],
        help: 'only check whether a cache entry exists for the pinned set, without downloading it',
    }),
    failOnCacheMiss: booleanOption({
        flag: null,
        input: 'fail-on-cache-miss',
        default: false,
        commands: FETCHING_COMMANDS,
        help: 'fail the step when no cache entry matches the key exactly',
    }),
    token: textOption({
        flag: null,
        input: 'github-token',
        valueName: 'TOKEN',
        default: null,
        // lock pins private repositories too (the library passes the token; the action does not run lock).
        commands: [...FETCHING_COMMANDS, 'lock'],
        help: 'token for private module repositories, sent only to the GitHub server the workflow runs on',
        check: optionalText,
    }),
    locked: booleanOption({
        flag: 'locked',
        input: null,
        default: false,
        commands: MODULE_COMMANDS,
        help: 'fail (exit 1) when the resolution differs from the lock file; use its commits (no ls-remote for them)',
    }),
    frozen: booleanOption({
        flag: 'frozen',
        input: null,
        default: false,
        commands: MODULE_COMMANDS,
        help: '--locked, and never ask a remote for a ref (no git ls-remote): pins come from the lock file only',
    }),
    lockFile: textOption({
        flag: 'lock-file',
        input: 'lock-file',
        valueName: 'PATH',
        default: null,
        commands: [...MODULE_COMMANDS, 'lock'],
        help: `the lock file (default: ${DEFAULT_LOCK_FILE_NAME} beside the first profile or bundle)`,
        check: optionalText,
    }),
    update: booleanOption({
        flag: 'update',
        input: null,
        default: false,
        commands: ['lock'],
        help: 're-pin every git source (or only the MODULE ids given) instead of keeping the locked commits',
    }),
    ...OUTPUT_OPTIONS,
};
const OPTION_KEYS = Object.keys(OPTION_TABLE);
/** The table entry for a key, widened to the union every front end switches on. */
function optionSpec(key) {
    return OPTION_TABLE[key];
}
/** Every option's default: what a caller gets for an option it does not give. */
function defaultOptionValues() {
    const entries = OPTION_KEYS.map((key) => {
        const spec = optionSpec(key);
        return [key, spec.kind === 'list' ? [] : spec.default];
    });
    return Object.fromEntries(entries);
}


;// CONCATENATED MODULE: ./lib/normalise-options.js
/**
 * The one option normaliser. Every front end reads its own form (the CLI's argv, the action's inputs, a library
 * caller's object) into the option table's keys, in raw form (a boolean, a string, a list of strings), and says how it
 * names an option in a message. The rules live here, the same for all three:
 *  - a key the front end does not offer is refused, naming the closest one it does offer;
 *  - a key the command does not take is refused, naming the commands that take it;
 *  - a value is checked by its table entry (`installer: 'conda'` is refused by the CLI, the action and the library);
 *  - every relative path is taken from one base: the working directory for the CLI and the library, the workspace
 *    for the action (its inputs are documented relative to it).
 * Pure: the environment comes in as a value.
 */





function optionError(code, message, fix) {
    return new errors/* InputError */.dz(code, message, { fix });
}
function refuseUnknown(key, wording) {
    const suggestion = closestName(key, wording.offered);
    const label = suggestion ? wording.label(suggestion) : null;
    const known = wording.offered.join(', ');
    throw new errors/* InputError */.dz('unknown-option', `unknown option '${key}'${label ? `; did you mean ${label}?` : ''}`, {
        fix: label ? `write ${label} instead of '${key}'` : `use one of: ${known}`,
        suggestion: suggestion ?? undefined,
    });
}
function refuseForeign(command, key, wording) {
    const commands = optionSpec(key).commands.join(', ');
    const hint = wording.commandsHint ? ` (${wording.commandsHint(command)})` : '';
    throw optionError('usage', `${wording.label(key)} does not apply to ${command}`, `${wording.fixDrop(key)}; it applies to: ${commands}${hint}`);
}
function describe(value) {
    if (Array.isArray(value))
        return 'a list';
    if (value === null)
        return 'null';
    return typeof value === 'string' ? `'${value}'` : `${typeof value} ${String(value)}`;
}
/** One raw value checked by its table entry; throws the front end's wording of the problem. */
function checkValue(key, raw, wording) {
    const spec = optionSpec(key);
    const label = wording.label(key);
    const wrongType = (expected, example) => {
        throw optionError('invalid-option', `${label} must be ${expected}, not ${describe(raw)}`, wording.fixValue(key, example));
    };
    if (spec.kind === 'boolean')
        return typeof raw === 'boolean' ? raw : wrongType('true or false', 'true');
    const checkText = (text) => {
        if (typeof text !== 'string')
            return wrongType(`a string (${spec.valueName})`, spec.valueName);
        const checked = spec.check(text);
        if (!checked.ok)
            throw optionError('invalid-option', `${label} ${checked.error.problem}`, wording.fixValue(key, checked.error.example));
        return checked.value;
    };
    if (spec.kind === 'list') {
        if (!Array.isArray(raw))
            return wrongType(`a list of ${spec.valueName}`, spec.valueName);
        return raw.map(checkText);
    }
    // A text option whose default is "not given" takes null (or undefined) for the default.
    if (raw === null && spec.default === null)
        return null;
    return checkText(raw);
}
/**
 * Given options -> every option's checked value, the table's default for what was not given. Keys whose value is
 * `undefined` count as not given (a caller spreading an optional value).
 */
function checkOptions(command, given, wording) {
    const values = { ...defaultOptionValues() };
    for (const [key, raw] of Object.entries(given)) {
        if (!wording.offered.includes(key))
            refuseUnknown(key, wording);
        if (raw === undefined)
            continue;
        const optionKey = key;
        if (!optionSpec(optionKey).commands.includes(command))
            refuseForeign(command, optionKey, wording);
        values[optionKey] = checkValue(optionKey, raw, wording);
    }
    return values;
}
/** `~` and `~/x` mean the user's home, as in a shell (the action's inputs are not expanded by a shell). */
function expandHome(path, env) {
    const home = env.HOME || (0,external_node_os_.homedir)();
    if (path === '~')
        return home;
    return path.startsWith('~/') ? (0,external_node_path_.join)(home, path.slice(2)) : path;
}
/** A path made absolute against the base. */
function absolutePath(path, base, env) {
    const expanded = expandHome(path, env);
    return (0,external_node_path_.isAbsolute)(expanded) ? (0,external_node_path_.resolve)(expanded) : (0,external_node_path_.resolve)(base, expanded);
}
/** `python`: a path is made absolute; a bare name (`python3`) stays a name, looked up on PATH as a shell would. */
function interpreterPath(value, base, env) {
    if (!value)
        return null;
    return value.includes('/') || value.includes('\\') ? absolutePath(value, base, env) : value;
}
function cacheModeOf(values) {
    if (values.restoreOnly)
        return 'restore-only';
    if (values.saveOnly)
        return 'save-only';
    if (values.lookupOnly)
        return 'lookup-only';
    return 'read-write';
}
/** Checked values -> the options a run takes: paths absolute against the one base, home from the environment. */
function toPipelineOptions(command, values, context) {
    const { base, env } = context;
    const path = (value) => absolutePath(value, base, env);
    const homeGiven = values.home ?? env.AMPLIFIER_HOME ?? '';
    return {
        command,
        profiles: values.profiles.map(path),
        workspace: path(values.workspace ?? '.'),
        namespaces: values.namespaces.map((n) => ({ name: n.name, dir: path(n.dir) })),
        strict: values.strict,
        home: homeGiven ? path(homeGiven) : (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.amplifier'),
        python: interpreterPath(values.python, base, env),
        installer: values.installer,
        installerArgs: values.installerArgs,
        install: values.install,
        reinstall: values.reinstall,
        fix: values.fix,
        dryRun: values.dryRun,
        retentionDays: values.retentionDays,
        purge: values.purge,
        pruneIncludes: values.pruneIncludes,
        offline: values.offline,
        importCheck: values.importCheck,
        session: values.session,
        token: values.token ? { host: context.tokenHost ?? 'github.com', value: values.token } : null,
        locked: values.locked,
        frozen: values.frozen,
        lockFile: values.lockFile ? path(values.lockFile) : null,
        lockIfPresent: context.lockIfPresent ?? false,
        update: values.update,
        moduleIds: context.moduleIds ?? [],
        cacheKeyPrefix: values.cacheKeyPrefix,
        cache: context.ciCache === true && values.cache,
        cacheMode: cacheModeOf(values),
        // The action's fail-on-cache-miss: the warm stage asks for an entry before any git call and stops on a miss.
        failOnCacheMiss: context.ciCache === true && values.failOnCacheMiss,
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./lib/json-object.js
/**
 * Reading a small JSON file written by another tool (pip's direct_url.json, Amplifier's cache metadata and install
 * state, our own registry): its top-level object, or null when the text is not JSON or not an object. A truncated or
 * hand-edited file is then simply "not there" to the caller, never an exception.
 */
function parseJsonObject(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return null;
    }
    return typeof data === 'object' && data !== null ? data : null;
}

;// CONCATENATED MODULE: ./lib/module-cache/environment-registry.js
/**
 * The environments that install from the module cache, recorded under the Amplifier home as a package store keeps
 * a registry of the projects using it: `prune` must check every one of them, not only the environment of its own
 * run. One small file per environment (named by a hash of its prefix), each written by a rename, so concurrent
 * runs never lose each other's entries and a crash never leaves half a record.
 */



function registryDir(home) {
    return (0,external_node_path_.join)(home, 'amplifier-modules', 'environments');
}
function entryName(prefix) {
    return `${(0,external_node_crypto_.createHash)('sha256').update(prefix).digest('hex').slice(0, 16)}.json`;
}
async function registerEnvironment(fs, home, environment) {
    const dir = registryDir(home);
    const final = (0,external_node_path_.join)(dir, entryName(environment.prefix));
    const content = `${JSON.stringify({ version: 1, python: environment.python, prefix: environment.prefix })}\n`;
    // A run with nothing new to record writes nothing: every verify of an unchanged environment lands here.
    if ((await fs.lstat(final))?.isFile && (await fs.readFile(final)).toString('utf8') === content)
        return;
    await fs.mkdir(dir);
    const temp = (0,external_node_path_.join)(dir, `.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await fs.writeFile(temp, content);
        await fs.rename(temp, final);
    }
    finally {
        await fs.rm(temp).catch(() => undefined);
    }
}
function parseRecord(text) {
    const { python, prefix } = parseJsonObject(text) ?? {};
    return typeof python === 'string' && typeof prefix === 'string' ? { python, prefix } : null;
}
/**
 * Every recorded environment that still exists. Records of deleted environments drop out of the registry here;
 * with `keepRecords` (a dry run) they are reported but left in place.
 */
async function readRegistry(fs, home, keepRecords) {
    const dir = registryDir(home);
    const live = [];
    const dropped = [];
    for (const name of ((await fs.readdir(dir)) ?? []).sort()) {
        if (!name.endsWith('.json'))
            continue;
        const file = (0,external_node_path_.join)(dir, name);
        const record = (await fs.lstat(file))?.isFile ? parseRecord((await fs.readFile(file)).toString('utf8')) : null;
        if (record && (await fs.stat(record.prefix))?.isDirectory) {
            live.push(record);
            continue;
        }
        dropped.push(record?.prefix ?? file);
        if (!keepRecords)
            await fs.rm(file);
    }
    return { live, dropped };
}

;// CONCATENATED MODULE: ./lib/python/python-session.js
function pythonSession(environment, ports, workspace) {
    return {
        environment,
        workspace,
        run: (args, options) => ports.exec.run(environment.python, args, {
            input: options.input,
            timeoutMs: options.timeoutMs,
            env: options.env ?? ports.env,
            cwd: workspace,
            onOutput: options.onOutput,
        }),
    };
}

;// CONCATENATED MODULE: ./lib/python/ask-interpreter.js

/** The line the answer follows (a `.pth` file run at start-up may print before it). */
const INTERPRETER_MARKER = '@@amplifier-modules-interpreter@@';
/** Prints the answer as one marker line. */
const INTERPRETER_SCRIPT = `
import json, os, site, sys
dirs = [p for p in sys.path if os.path.basename(p) in ('site-packages', 'dist-packages')]
try:
    dirs += site.getsitepackages()
except Exception:
    pass
print('${INTERPRETER_MARKER}' + json.dumps({'executable': sys.executable, 'prefix': sys.prefix,
    'sitePackages': list(dict.fromkeys(dirs)), 'isVenv': sys.prefix != sys.base_prefix}))
`;
function parseAnswer(stdout) {
    const line = stdout.split('\n').find((l) => l.startsWith(INTERPRETER_MARKER));
    if (!line)
        return null;
    try {
        const value = JSON.parse(line.slice(INTERPRETER_MARKER.length));
        if (typeof value.executable !== 'string' || typeof value.prefix !== 'string')
            return null;
        const dirs = Array.isArray(value.sitePackages) ? value.sitePackages.filter((d) => typeof d === 'string') : [];
        return { executable: value.executable, prefix: value.prefix, sitePackages: dirs, isVenv: value.isVenv === true };
    }
    catch {
        return null;
    }
}
/** How long the interpreter may take to answer about itself (a cold shim may first resolve its version). */
const ASK_TIMEOUT_MS = 60_000;
/** Run with the run's environment and in the workspace: a shim picks its version from PATH and `.python-version`. */
async function askInterpreter(exec, python, env, cwd) {
    const result = await exec.run(python, ['-I', '-c', INTERPRETER_SCRIPT], { timeoutMs: ASK_TIMEOUT_MS, env, cwd });
    return interpreterAnswerIn(result, python);
}
/** The answer in a finished process's output, or why there is none. */
function interpreterAnswerIn(result, python) {
    if (result.spawnError)
        return err(`cannot start ${python}: ${result.spawnError}`);
    const answer = parseAnswer(result.stdout);
    if (answer && result.code === 0)
        return ok(answer);
    const tail = result.stderr.trim().split('\n').slice(-5).join('\n');
    return err(`${python} exited ${result.code ?? result.signal} without answering${tail ? `: ${tail}` : ''}`);
}

;// CONCATENATED MODULE: ./lib/options/option-wording.js

/** On the CLI a boolean flag flips the default (`--no-install` sets install to false). */
function cliRunWith(key, value) {
    const spec = optionSpec(key);
    if (spec.kind !== 'boolean' || spec.flag === null)
        return null;
    return value === spec.default ? `without --${spec.flag}` : `with --${spec.flag}`;
}
function actionSwitch(key, value) {
    const spec = optionSpec(key);
    return spec.kind === 'boolean' && spec.input !== null ? `${spec.input}: ${value}` : null;
}
const CLI = {
    front: 'cli',
    set: (key, value) => {
        const flag = optionSpec(key).flag;
        return flag === null ? null : `--${flag} ${value}`;
    },
    give: (key, value) => {
        const flag = optionSpec(key).flag;
        return flag === null ? null : `pass --${flag} ${value}`;
    },
    turn: (key, value) => cliRunWith(key, value)?.replace(/^with /, '') ?? null,
    runWith: cliRunWith,
    command: (name) => `amplifier-modules ${name}`,
};
const ACTION = {
    front: 'action',
    set: (key, value) => {
        const input = optionSpec(key).input;
        return input === null ? null : `${input}: ${value}`;
    },
    give: (key, value) => {
        const input = optionSpec(key).input;
        return input === null ? null : `set ${input}: ${value}`;
    },
    turn: actionSwitch,
    runWith: (key, value) => {
        const setting = actionSwitch(key, value);
        return setting === null ? null : `with ${setting}`;
    },
    command: (name) => `command: ${name}`,
};
function wordingFor(front) {
    return front === 'cli' ? CLI : ACTION;
}
/** What every stage uses when no front end said otherwise (the library and the CLI). */
const CLI_WORDING = CLI;
/** The remedies a front end can offer, joined as `a, b or c` (the ones it lacks left out). */
function either(remedies) {
    const kept = remedies.filter((remedy) => remedy !== null && remedy !== '');
    if (kept.length <= 1)
        return kept[0] ?? '';
    return `${kept.slice(0, -1).join(', ')} or ${kept.at(-1)}`;
}

;// CONCATENATED MODULE: ./lib/python/choose-python.js
/**
 * Which interpreter's environment the run installs into and audits: one rule for every command
 * (docs/architecture.md, "environment"). `--python` wins; else `$VIRTUAL_ENV`; else `<workspace>/.venv`; else, when
 * the run is about what Amplifier loads (doctor, `--session`, or no declaration file given), the Amplifier CLI's uv
 * tool venv. Nothing else: a `python3` on PATH is a system or global interpreter (a pyenv shim, /usr/bin/python3) and
 * is never editable-installed into unless `--python` names it, so with none of these the run stops (exit 2) naming
 * every choice, as uv refuses to install without a virtual environment.
 */



function venvPython(dir, windows) {
    return windows ? (0,external_node_path_.join)(dir, 'Scripts', 'python.exe') : (0,external_node_path_.join)(dir, 'bin', 'python');
}
async function isFile(fs, path) {
    return (await fs.stat(path))?.isFile === true;
}
/** The first `name` on PATH, as an absolute path; null when none is found. */
async function findOnPath(name, env, fs, windows) {
    const pathVar = env.PATH ?? env.Path ?? '';
    const names = windows && !/\.exe$/i.test(name) ? [`${name}.exe`, name] : [name];
    for (const dir of pathVar.split(windows ? ';' : external_node_path_.delimiter)) {
        if (!dir)
            continue;
        for (const candidate of names) {
            const full = (0,external_node_path_.join)(dir, candidate);
            if (await isFile(fs, full))
                return full;
        }
    }
    return null;
}
/** `$UV_TOOL_DIR`, else `$XDG_DATA_HOME/uv/tools`, else `~/.local/share/uv/tools` (Windows `%APPDATA%\uv\tools`). */
function uvToolDir(env, windows) {
    if (env.UV_TOOL_DIR)
        return env.UV_TOOL_DIR;
    if (windows)
        return env.APPDATA ? (0,external_node_path_.join)(env.APPDATA, 'uv', 'tools') : null;
    if (env.XDG_DATA_HOME)
        return (0,external_node_path_.join)(env.XDG_DATA_HOME, 'uv', 'tools');
    return env.HOME ? (0,external_node_path_.join)(env.HOME, '.local', 'share', 'uv', 'tools') : null;
}
/** The interpreter of the Amplifier CLI's own environment, when it was installed with `uv tool install`. */
function amplifierToolPython(env, windows) {
    const tools = uvToolDir(env, windows);
    return tools ? venvPython((0,external_node_path_.join)(tools, 'amplifier'), windows) : null;
}
/**
 * A value with a slash is a path (relative to the workspace); a bare name (`python3`) is looked up on PATH from the
 * environment the run was given, as a shell would.
 */
async function explicitPython(explicit, input, windows) {
    const looksLikePath = explicit.includes('/') || explicit.includes('\\');
    const path = looksLikePath
        ? (0,external_node_path_.isAbsolute)(explicit)
            ? explicit
            : (0,external_node_path_.resolve)(input.workspace, explicit)
        : await findOnPath(explicit, input.env, input.fs, windows);
    if (path && (await isFile(input.fs, path)))
        return { python: path, chosenBy: '--python', passedOver: [] };
    const where = looksLikePath ? '' : ' on PATH';
    const w = input.wording ?? CLI_WORDING;
    throw new errors/* InputError */.dz('usage', `${w.set('python', explicit)}: no such interpreter${where}`, {
        fix: `give the path of an existing interpreter, e.g. ${w.set('python', '.venv/bin/python')}`,
    });
}
/** Whether the run may fall back to the Amplifier CLI's tool venv. */
function usesAmplifierVenv(purpose) {
    return purpose === 'session' || purpose === 'doctor';
}
async function chooseInterpreter(input) {
    const { explicit, env, workspace, fs } = input;
    const windows = (input.platform ?? process.platform) === 'win32';
    if (explicit)
        return explicitPython(explicit, input, windows);
    const candidates = [];
    if (env.VIRTUAL_ENV)
        candidates.push({ python: venvPython(env.VIRTUAL_ENV, windows), chosenBy: 'VIRTUAL_ENV' });
    candidates.push({ python: venvPython((0,external_node_path_.join)(workspace, '.venv'), windows), chosenBy: 'workspace-venv' });
    const tool = usesAmplifierVenv(input.purpose) ? amplifierToolPython(env, windows) : null;
    if (tool)
        candidates.push({ python: tool, chosenBy: 'amplifier-tool-venv' });
    const passedOver = [];
    for (const candidate of candidates) {
        if (await isFile(fs, candidate.python))
            return { ...candidate, passedOver };
        passedOver.push(candidate.python);
    }
    const w = input.wording ?? CLI_WORDING;
    const choices = [
        `${w.give('python', 'PATH')} (any interpreter, named on purpose)`,
        env.VIRTUAL_ENV
            ? `$VIRTUAL_ENV (${env.VIRTUAL_ENV}: no interpreter there)`
            : 'an active virtual environment ($VIRTUAL_ENV)',
        `${(0,external_node_path_.join)(workspace, '.venv')} (python -m venv .venv)`,
        ...(tool ? [`the Amplifier CLI tool venv (${tool}: uv tool install amplifier)`] : []),
    ];
    const why = usesAmplifierVenv(input.purpose)
        ? ''
        : '; the Amplifier CLI tool venv is a choice only for doctor, --session or a run without -p';
    throw new errors/* InputError */.dz('no-environment', `no Python environment to use: looked at ${passedOver.join(', ')}; a python3 on PATH is a system or global interpreter and is never installed into unless --python names it${why}`, { fix: `choose one of: ${choices.join('; ')}` });
}
async function choosePython(input) {
    return (await chooseInterpreter(input)).python;
}

;// CONCATENATED MODULE: ./lib/python/locate.js
/**
 * Where a Python environment keeps its installed distributions, found from the interpreter's path alone
 * (no Python process): reading an environment must work even when the interpreter is broken.
 */

function isWindowsPath(path) {
    return /^[A-Za-z]:[\\/]/.test(path) || path.includes('\\');
}
function parsePyvenvCfg(text) {
    const values = new Map();
    for (const line of text.split(/\r?\n/)) {
        const eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        values.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
    }
    const version = values.get('version') ?? values.get('version_info') ?? null;
    return {
        home: values.get('home') ?? null,
        includeSystem: (values.get('include-system-site-packages') ?? 'false').toLowerCase() === 'true',
        version: version ? (/^(\d+\.\d+)/.exec(version)?.[1] ?? null) : null,
    };
}
async function isDir(fs, path) {
    return (await fs.stat(path))?.isDirectory === true;
}
/** `lib/python3.X/site-packages` under a prefix; several versions can coexist, all are returned. */
async function posixSiteDirs(fs, prefix, version) {
    const found = [];
    for (const lib of ['lib', 'lib64']) {
        const names = (await fs.readdir(external_node_path_.posix.join(prefix, lib))) ?? [];
        const pythons = names.filter((n) => /^python3\.\d+t?$/.test(n)).sort();
        const ordered = version ? [...pythons.filter((n) => n === `python${version}`), ...pythons] : pythons;
        for (const name of ordered) {
            for (const leaf of ['site-packages', 'dist-packages']) {
                const dir = external_node_path_.posix.join(prefix, lib, name, leaf);
                if (await isDir(fs, dir))
                    found.push(dir);
            }
        }
    }
    return found;
}
/** Debian installs its own packages in `lib/python3/dist-packages` and pip's in `local/lib/python3.X/dist-packages`. */
async function baseSiteDirs(fs, prefix, version) {
    const found = await posixSiteDirs(fs, prefix, version);
    const debian = [external_node_path_.posix.join(prefix, 'local', 'lib', `python${version ?? '3'}`, 'dist-packages')];
    debian.push(external_node_path_.posix.join(prefix, 'lib', 'python3', 'dist-packages'));
    for (const dir of debian)
        if (await isDir(fs, dir))
            found.push(dir);
    return found;
}
/** Two entries that are the same directory (lib64 -> lib) are listed once. */
async function distinctDirs(fs, dirs) {
    const seen = new Set();
    const out = [];
    for (const dir of dirs) {
        const real = (await fs.realpath(dir)) ?? dir;
        if (seen.has(real))
            continue;
        seen.add(real);
        out.push(dir);
    }
    return out;
}
/** Python looks for `pyvenv.cfg` next to the interpreter, then one directory up; the venv root is where it is. */
async function findVenv(fs, dirs, join) {
    for (const dir of dirs) {
        const file = join(dir, 'pyvenv.cfg');
        const stat = await fs.stat(file);
        if (stat?.isFile)
            return { root: dir, config: parsePyvenvCfg((await fs.readFile(file)).toString('utf8')) };
    }
    return null;
}
/**
 * Without starting Python: a venv is recognised by `pyvenv.cfg` next to the interpreter or one level up; its
 * site directory is `lib/python3.X/site-packages` (Windows `Lib/site-packages`), plus the base installation's
 * when `include-system-site-packages = true`.
 */
async function locateEnvironment(python, fs) {
    const path = isWindowsPath(python) ? external_node_path_.win32 : external_node_path_.posix;
    const windows = path === external_node_path_.win32;
    const binDir = path.dirname(python);
    const upOne = path.dirname(binDir);
    const venv = await findVenv(fs, [binDir, upOne], path.join);
    if (venv) {
        const { root: venvRoot, config } = venv;
        const own = windows
            ? [path.join(venvRoot, 'Lib', 'site-packages')]
            : await posixSiteDirs(fs, venvRoot, config.version);
        const base = [];
        if (config.includeSystem && config.home) {
            const basePrefix = windows ? config.home : path.dirname(config.home);
            if (windows)
                base.push(path.join(basePrefix, 'Lib', 'site-packages'));
            else
                base.push(...(await baseSiteDirs(fs, basePrefix, config.version)));
        }
        const existing = [];
        for (const dir of [...own, ...base])
            if (await isDir(fs, dir))
                existing.push(dir);
        return { python, prefix: venvRoot, sitePackages: await distinctDirs(fs, existing), isVenv: true };
    }
    const prefix = windows && !/[\\/]Scripts$/i.test(binDir) ? binDir : upOne;
    const dirs = windows ? [path.join(prefix, 'Lib', 'site-packages')] : await baseSiteDirs(fs, prefix, null);
    const existing = [];
    for (const dir of dirs)
        if (await isDir(fs, dir))
            existing.push(dir);
    return { python, prefix, sitePackages: await distinctDirs(fs, existing), isVenv: false };
}

;// CONCATENATED MODULE: ./lib/python/target.js
/**
 * The environment stage: the target interpreter is chosen and located ONCE per run, and this one value is handed to
 * resolve (installed distributions), install, audit, doctor and prune. A virtual environment's interpreter is placed
 * by its files, by Python's own rule (`pyvenv.cfg` beside it or one directory up names the environment it runs); any
 * other (a pyenv/asdf shim, a system or global interpreter) is asked once where it really lives, so a wrapper script
 * leads to the environment it starts. When it cannot be asked (a broken interpreter) the file layout alone still
 * locates it, because reading an environment must not need it to work. Site directories the layout misses are still
 * found: the audit's probe reports the ones Python has on `sys.path`.
 */




const WHY = {
    '--python': 'given with --python',
    VIRTUAL_ENV: 'the active virtual environment ($VIRTUAL_ENV)',
    'workspace-venv': "the workspace's .venv (no $VIRTUAL_ENV)",
    'amplifier-tool-venv': 'the Amplifier CLI tool venv (uv tool install), where Amplifier loads its modules from',
};
async function target_distinctDirs(fs, dirs) {
    const seen = new Set();
    const out = [];
    for (const dir of dirs) {
        const real = await fs.realpath(dir);
        if (real === null || seen.has(real) || !(await fs.stat(dir))?.isDirectory)
            continue;
        seen.add(real);
        out.push(dir);
    }
    return out;
}
async function locateTarget(request, ports) {
    const chosen = await chooseTarget(request, ports);
    const byLayout = await locateEnvironment(chosen.python, ports.fs);
    // A venv's interpreter finds its environment by this same pyvenv.cfg, and reports the path it was started by as
    // `sys.executable`: nothing to ask.
    if (byLayout.isVenv)
        return { ...byLayout, ...chosenBy(chosen), executable: chosen.python };
    const asked = request.ask === false ? null : await askInterpreter(ports.exec, chosen.python, ports.env, request.workspace);
    return locateChosen(chosen, byLayout, asked, ports.fs);
}
function chosenBy(chosen) {
    const passed = chosen.passedOver.length > 0 ? `; not found: ${chosen.passedOver.join(', ')}` : '';
    return { chosenBy: chosen.chosenBy, reason: `${WHY[chosen.chosenBy]}${passed}` };
}
/** The interpreter the request names or the defaults lead to (no process started). */
function chooseTarget(request, ports) {
    return chooseInterpreter({
        explicit: request.explicit,
        wording: ports.wording,
        env: ports.env,
        workspace: request.workspace,
        fs: ports.fs,
        purpose: request.purpose,
    });
}
/**
 * Locates an interpreter its files do not place from its own answer (`answered`), or from the file layout alone when
 * it was not asked or could not answer.
 */
async function locateChosen(chosen, byLayout, answered, fs) {
    if (!answered?.ok) {
        // A broken environment is still read from its files; a file the user named that neither answers as Python nor
        // sits in a Python environment is not an interpreter at all: bad input, said before anything is fetched.
        if (answered && chosen.chosenBy === '--python' && byLayout.sitePackages.length === 0) {
            throw new errors/* InputError */.dz('not-python', `--python ${chosen.python} is not a Python interpreter: ${answered.error}`, {
                fix: 'pass the interpreter of the environment to use, e.g. --python .venv/bin/python',
            });
        }
        return { ...byLayout, ...chosenBy(chosen), executable: null };
    }
    const answer = answered.value;
    // The interpreter's own answer leads: for a shim the file layout points at the shim's directory, not an environment.
    const real = answer.executable === chosen.python ? byLayout : await locateEnvironment(answer.executable, fs);
    return {
        python: chosen.python,
        prefix: answer.prefix,
        sitePackages: await target_distinctDirs(fs, [...real.sitePackages, ...answer.sitePackages]),
        isVenv: answer.isVenv || real.isVenv,
        ...chosenBy(chosen),
        executable: answer.executable,
    };
}
/** resolve and warm use the default environment when there is one and never fail for lack of it. */
async function locateTargetIfAny(request, ports) {
    try {
        return await locateTarget(request, ports);
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./lib/report/build-report.js

/** The report format's version; a change that breaks readers of the JSON raises it. */
const REPORT_VERSION = 1;
/** The cache outcome of a run that did not use the CI cache. */
const CACHE_OFF = { key: null, matchedKey: null, hit: 'off' };
function buildReport(parts) {
    return {
        version: REPORT_VERSION,
        command: parts.command,
        ok: parts.ok,
        python: parts.python ?? null,
        ...(parts.environment ? { environment: parts.environment } : {}),
        ...(parts.declarations ? { declarations: parts.declarations } : {}),
        installer: parts.installer ?? null,
        cache: parts.cache ?? CACHE_OFF,
        modules: parts.modules ?? [],
        unresolvedIncludes: parts.unresolvedIncludes ?? [],
        warnings: parts.warnings ?? [],
        ...(parts.environmentFindings && parts.environmentFindings.length > 0
            ? { environmentFindings: parts.environmentFindings }
            : {}),
        ...(parts.bundlePackages && parts.bundlePackages.length > 0 ? { bundlePackages: parts.bundlePackages } : {}),
        ...(parts.prune ? { prune: parts.prune } : {}),
        ...(parts.lock ? { lock: parts.lock } : {}),
        ...(parts.lockedBy ? { lockedBy: parts.lockedBy } : {}),
    };
}
/** The report of a run that stopped before it had modules to report: the error is its one warning. */
function errorReport(command, diagnostic) {
    return buildReport({ command, ok: false, warnings: [diagnostic] });
}
function errorDocument(command, diagnostic) {
    return {
        version: REPORT_VERSION,
        command,
        ok: false,
        error: {
            code: diagnostic.code,
            message: diagnostic.message,
            file: diagnostic.file ?? null,
            line: diagnostic.line ?? null,
            fix: diagnostic.fix ?? null,
        },
    };
}
/** An error that stopped the run, as a diagnostic: bad input keeps its file and line; a machine failure its output. */
function failureDiagnostic(error) {
    if ((0,errors/* isInputError */.BT)(error)) {
        return { code: error.code, message: error.message, file: error.file, line: error.line, fix: error.fix };
    }
    const detail = error.detail?.trim() ? `\n${error.detail.trim()}` : '';
    return { code: error.code, message: `${error.message}${detail}`, fix: error.fix };
}
/** The report's `environment`: which environment the run used, what its interpreter really runs, and why. */
function reportedEnvironment(environment) {
    const { python, executable, prefix, reason } = environment;
    return { python, executable, prefix, reason };
}

;// CONCATENATED MODULE: ./lib/shell-words.js
/**
 * Commands printed as fixes are pasted into a shell, so every word is quoted the POSIX way: a word of only safe
 * characters stays as it is, anything else goes in single quotes (a `'` inside as `'\''`). Pasting the text runs
 * exactly these words; a ref or path holding `$(...)`, backquotes, `;` or a newline runs nothing.
 */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
function shellQuote(word) {
    if (SAFE_WORD.test(word))
        return word;
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
/** The words as one command line to paste. */
function commandText(words) {
    return words.map(shellQuote).join(' ');
}

;// CONCATENATED MODULE: ./lib/stages/audit/amplifier-install-state.js

const INSTALL_STATE_VERSION = 1;
function installStatePath(home) {
    return (0,external_node_path_.join)(home, 'cache', 'install-state.json');
}
function recordOf(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : null;
}
/** Pure: the file's text to its entries, or why Amplifier would discard it. */
function parseInstallState(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        return { kind: 'discarded', reason: 'not-json', detail: error.message };
    }
    const top = recordOf(data);
    if (top?.version !== INSTALL_STATE_VERSION) {
        return { kind: 'discarded', reason: 'other-version', detail: `version ${JSON.stringify(top?.version ?? null)}` };
    }
    const modules = recordOf(top.modules);
    if (!modules)
        return { kind: 'discarded', reason: 'no-modules', detail: '"modules" is not an object' };
    const entries = Object.entries(modules).map(([dir, value]) => {
        const hash = recordOf(value)?.pyproject_hash;
        return { dir, fingerprint: typeof hash === 'string' ? hash : null };
    });
    return {
        kind: 'state',
        state: {
            text,
            python: typeof top.python === 'string' ? top.python : null,
            pythonMtime: typeof top.python_mtime === 'number' ? top.python_mtime : null,
            entries,
        },
    };
}
async function readInstallState(fs, file) {
    if (!(await fs.stat(file))?.isFile)
        return { kind: 'absent' };
    return parseInstallState((await fs.readFile(file)).toString('utf8'));
}
/**
 * The file without the given `modules` entries, rewritten as Amplifier writes it (`json.dump(state, f, indent=2)`:
 * two-space indent, non-ASCII as `\uXXXX`), so a file Amplifier wrote changes only where entries were removed.
 */
function withoutModules(text, dirs) {
    const data = recordOf(JSON.parse(text));
    if (!data)
        throw new Error('install-state.json is not a JSON object');
    const modules = recordOf(data.modules) ?? {};
    data.modules = Object.fromEntries(Object.entries(modules).filter(([dir]) => !dirs.has(dir)));
    const ascii = (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return JSON.stringify(data, null, 2).replace(/[\u0080-\uffff]/g, ascii);
}

;// CONCATENATED MODULE: ./lib/python/dist-names.js
/** PEP 503: lower case, runs of `-`, `_` and `.` become one `-`. */
function normalizeDistName(name) {
    return name
        .trim()
        .toLowerCase()
        .replace(/[-_.]+/g, '-');
}
/** The distribution name in a metadata directory or egg-link file name, or null for anything else. */
function distNameFromEntry(entry) {
    const dist = /^(.+?)-[^-]+\.dist-info$/.exec(entry);
    if (dist?.[1])
        return dist[1];
    const egg = /^(.+?)(?:-[^-]+)*\.egg-info$/.exec(entry);
    if (egg?.[1])
        return egg[1];
    const link = /^(.+)\.egg-link$/.exec(entry);
    return link?.[1] ?? null;
}
/** PEP 503-normalised names of every distribution (dist-info, egg-info, egg-link) in the environment. */
async function listDistributionNames(environment, fs) {
    const names = new Set();
    for (const dir of environment.sitePackages) {
        for (const entry of (await fs.readdir(dir)) ?? []) {
            const name = distNameFromEntry(entry);
            if (name)
                names.add(normalizeDistName(name));
        }
    }
    return names;
}

;// CONCATENATED MODULE: ./lib/stages/install/fingerprint.js
/**
 * The fingerprint of a module's build metadata, computed exactly as Amplifier's own install state does
 * (amplifier-foundation `InstallStateManager`): sha256 over each present file's name then bytes, in the order
 * pyproject.toml, requirements.txt; "none" when neither exists. Each file's own hash is kept too, so a report
 * can say which file changed.
 */



const FINGERPRINTED_FILES = ['pyproject.toml', 'requirements.txt'];
function fingerprint_describe(error) {
    const code = error?.code;
    return code ?? (error instanceof Error ? error.message : String(error));
}
/** Reads the build files of `dir`; a file that exists but cannot be read makes the fingerprint unknown. */
async function fingerprintOf(fs, dir) {
    const combined = (0,external_node_crypto_.createHash)('sha256');
    const files = {};
    for (const name of FINGERPRINTED_FILES) {
        const path = (0,external_node_path_.join)(dir, name);
        let bytes;
        try {
            const stat = await fs.stat(path);
            if (stat === null)
                continue;
            bytes = await fs.readFile(path);
        }
        catch (error) {
            return err(`${name} cannot be read (${fingerprint_describe(error)})`);
        }
        combined.update(name, 'utf8');
        combined.update(bytes);
        files[name] = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
    }
    if (Object.keys(files).length === 0)
        return ok({ combined: 'none', files });
    return ok({ combined: `sha256:${combined.digest('hex')}`, files });
}
/** The names of the build files whose hash differs (added or removed files count as changed). */
function changedFiles(recorded, current) {
    return FINGERPRINTED_FILES.filter((name) => recorded[name] !== current[name]);
}

// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(3292);
;// CONCATENATED MODULE: ./lib/stages/audit/project-name.js
/**
 * The distribution name a source directory builds, read from `pyproject.toml` (`[project]` or `[tool.poetry]`, with
 * a TOML parser) or `setup.cfg` (`[metadata]`): it ties an expected directory to its installed dist-info when the
 * entry point the declaration needs is missing.
 */


function table(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : undefined;
}
/** `[project].name`, else `[tool.poetry].name`, of a pyproject.toml's text; null when absent or not TOML. */
function pyprojectName(text) {
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(text);
    }
    catch {
        return null;
    }
    for (const name of [table(doc.project)?.name, table(table(table(doc.tool)?.poetry))?.name]) {
        if (typeof name === 'string' && name !== '')
            return name;
    }
    return null;
}
/**
 * `[metadata] name` of a setup.cfg's text, read as Python's configparser reads it (`=` or `:`, keys in any case, a
 * `#` or `;` line is a comment, no inline comments). A reader of a dozen lines rather than an INI package: the npm
 * INI readers follow git/npm INI (`;` inline comments, no `:`), which would read names configparser does not.
 */
function setupCfgName(text) {
    let section = '';
    for (const raw of text.split(/\r?\n/)) {
        if (/^[#;]/.test(raw) || /^\s/.test(raw))
            continue;
        const header = /^\[([^\]]+)\]/.exec(raw);
        if (header?.[1] !== undefined) {
            section = header[1].trim();
            continue;
        }
        const option = /^([^=:]+?)\s*[=:]\s*(.*?)\s*$/.exec(raw);
        if (section === 'metadata' && option?.[1]?.toLowerCase() === 'name' && option[2])
            return option[2];
    }
    return null;
}
async function readProjectName(fs, dir) {
    const pyproject = (0,external_node_path_.join)(dir, 'pyproject.toml');
    if ((await fs.stat(pyproject))?.isFile) {
        const name = pyprojectName((await fs.readFile(pyproject)).toString('utf8'));
        if (name)
            return name;
    }
    const setupCfg = (0,external_node_path_.join)(dir, 'setup.cfg');
    if ((await fs.stat(setupCfg))?.isFile)
        return setupCfgName((await fs.readFile(setupCfg)).toString('utf8'));
    return null;
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./lib/stages/audit/dist-info.js
/**
 * Reads one installed distribution's metadata directory (`*.dist-info`, docs/formats.md) in TypeScript: the name and
 * version, where an editable install came from (`direct_url.json`), which files it owns (`RECORD`), which
 * Amplifier modules it provides (`entry_points.txt`, group `amplifier.modules`) and which tool installed it.
 */




const AMPLIFIER_ENTRY_POINT_GROUP = 'amplifier.modules';
async function readText(fs, path) {
    const stat = await fs.stat(path);
    if (!stat?.isFile)
        return null;
    return (await fs.readFile(path)).toString('utf8');
}
/** The first header block of METADATA / PKG-INFO (RFC 822 style). */
function parseMetadataHeaders(text) {
    const headers = new Map();
    for (const line of text.split(/\r?\n/)) {
        if (line === '')
            break;
        const colon = line.indexOf(':');
        if (colon <= 0 || /^\s/.test(line))
            continue;
        const key = line.slice(0, colon).trim().toLowerCase();
        if (!headers.has(key))
            headers.set(key, line.slice(colon + 1).trim());
    }
    return headers;
}
/** INI-style `entry_points.txt`: the entries of one group. */
function parseEntryPoints(text, group) {
    const out = [];
    let current = null;
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#') || line.startsWith(';'))
            continue;
        const section = /^\[(.+)\]$/.exec(line);
        if (section?.[1] !== undefined) {
            current = section[1].trim();
            continue;
        }
        if (current !== group)
            continue;
        const eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        const name = line.slice(0, eq).trim();
        // `module:attr [extra1, extra2]`: extras do not change what is imported.
        const value = line
            .slice(eq + 1)
            .replace(/\[.*\]\s*$/, '')
            .trim();
        const colon = value.indexOf(':');
        out.push({
            name,
            value,
            module: (colon >= 0 ? value.slice(0, colon) : value).trim(),
            attr: colon >= 0 ? value.slice(colon + 1).trim() || null : null,
        });
    }
    return out;
}
/** The first CSV field of each RECORD row (paths with commas are quoted). */
function parseRecordPaths(text) {
    const paths = [];
    for (const line of text.split(/\r?\n/)) {
        if (line === '')
            continue;
        if (line.startsWith('"')) {
            let value = '';
            let i = 1;
            while (i < line.length) {
                const ch = line[i];
                if (ch === '"' && line[i + 1] === '"') {
                    value += '"';
                    i += 2;
                }
                else if (ch === '"')
                    break;
                else {
                    value += ch;
                    i += 1;
                }
            }
            paths.push(value);
        }
        else {
            const comma = line.indexOf(',');
            paths.push(comma >= 0 ? line.slice(0, comma) : line);
        }
    }
    return paths;
}
function parseDirectUrl(text) {
    const record = parseJsonObject(text);
    if (!record)
        return null;
    if (typeof record.url !== 'string')
        return null;
    let path = null;
    if (record.url.startsWith('file:')) {
        try {
            path = (0,external_node_url_.fileURLToPath)(record.url);
        }
        catch {
            path = null;
        }
    }
    return { url: record.url, path, editable: record.dir_info?.editable === true };
}
/** `name-1.0.dist-info` -> `name`, the fallback when METADATA is unreadable. */
function nameFromDirName(dirName) {
    return dirName.replace(/\.(dist|egg)-info$/, '').replace(/-[^-]*$/, '');
}
async function readDistInfo(fs, sitePackages, dirName) {
    const dir = (0,external_node_path_.join)(sitePackages, dirName);
    const [metadata, directUrl, record, entryPoints, installer] = await Promise.all([
        readText(fs, (0,external_node_path_.join)(dir, 'METADATA')).then(async (t) => t ?? readText(fs, (0,external_node_path_.join)(dir, 'PKG-INFO'))),
        readText(fs, (0,external_node_path_.join)(dir, 'direct_url.json')),
        readText(fs, (0,external_node_path_.join)(dir, 'RECORD')),
        readText(fs, (0,external_node_path_.join)(dir, 'entry_points.txt')),
        readText(fs, (0,external_node_path_.join)(dir, 'INSTALLER')),
    ]);
    const headers = metadata ? parseMetadataHeaders(metadata) : new Map();
    const name = headers.get('name') ?? nameFromDirName(dirName);
    return {
        dir,
        sitePackages,
        name,
        key: normalizeDistName(name),
        version: headers.get('version') ?? null,
        installer: installer?.trim() || null,
        directUrl: directUrl ? parseDirectUrl(directUrl) : null,
        recordedPthFiles: record
            ? parseRecordPaths(record)
                .filter((path) => path.endsWith('.pth'))
                .map((path) => (0,external_node_path_.resolve)(sitePackages, path))
            : [],
        amplifierEntryPoints: entryPoints ? parseEntryPoints(entryPoints, AMPLIFIER_ENTRY_POINT_GROUP) : [],
    };
}

;// CONCATENATED MODULE: ./lib/stages/audit/editable-hooks.js
/**
 * The import hooks editable backends install instead of a path line: setuptools' finder module with its
 * `MAPPING = {'pkg': '/abs/pkg'}` dict, and the `editables` redirector with `F.map_module('pkg', '/abs/pkg/__init__.py')`.
 * Both keep answering for the package after its directory is gone, so their targets must be checked on disk.
 */

const PY_STRING = String.raw `(?:'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")`;
const DICT_PAIR = new RegExp(`(${PY_STRING})\\s*:\\s*(${PY_STRING})`, 'g');
const MAPPING_LINE = /^MAPPING\s*(?::[^=]*)?=\s*(\{.*\})\s*$/m;
const MAP_MODULE = new RegExp(`map_module\\(\\s*(${PY_STRING})\\s*,\\s*(${PY_STRING})\\s*\\)`, 'g');
/** A Python string literal as `repr()` writes it (paths: only backslash and quote escapes occur). */
function unquotePython(literal) {
    return literal.slice(1, -1).replace(/\\(.)/g, (_all, ch) => ch);
}
function parseHookModule(text, file) {
    const out = [];
    const mapping = MAPPING_LINE.exec(text);
    if (mapping?.[1]) {
        for (const pair of mapping[1].matchAll(DICT_PAIR)) {
            out.push({
                kind: 'setuptools-finder',
                file,
                module: unquotePython(pair[1] ?? "''"),
                path: unquotePython(pair[2] ?? "''"),
            });
        }
    }
    for (const call of text.matchAll(MAP_MODULE)) {
        out.push({
            kind: 'editables-redirector',
            file,
            module: unquotePython(call[1] ?? "''"),
            path: unquotePython(call[2] ?? "''"),
        });
    }
    return out;
}
/** Hook modules are named after their backend; other `import` lines in `.pth` files are not editable installs. */
function isEditableHookModule(module) {
    return module.includes('editable');
}
async function readHookModule(fs, sitePackages, module) {
    const file = (0,external_node_path_.join)(sitePackages, `${module.split('.')[0] ?? module}.py`);
    const stat = await fs.stat(file);
    if (!stat?.isFile)
        return { module, file, exists: false, mappings: [] };
    const mappings = parseHookModule((await fs.readFile(file)).toString('utf8'), file);
    return { module, file, exists: true, mappings };
}

;// CONCATENATED MODULE: ./lib/stages/audit/egg-links.js
/**
 * Legacy `setup.py develop` installs: `<name>.egg-link` names the project directory and `easy-install.pth` puts it
 * on `sys.path`; the metadata (`<name>.egg-info`) lives in the project, so when the project is gone the
 * distribution vanishes from `importlib.metadata` and only this file scan still sees it.
 */



async function findEggInfo(fs, project, key) {
    for (const dir of [project, (0,external_node_path_.join)(project, 'src')]) {
        for (const entry of (await fs.readdir(dir)) ?? []) {
            if (!entry.endsWith('.egg-info'))
                continue;
            if (normalizeDistName(entry.replace(/\.egg-info$/, '').replace(/-.*$/, '')) !== key)
                continue;
            return readDistInfo(fs, dir, entry);
        }
    }
    return null;
}
async function readEggLinks(fs, sitePackages, entries) {
    const out = [];
    for (const entry of entries) {
        if (!entry.endsWith('.egg-link'))
            continue;
        const file = (0,external_node_path_.join)(sitePackages, entry);
        const stat = await fs.stat(file);
        if (!stat?.isFile)
            continue;
        const first = (await fs.readFile(file)).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '';
        if (first === '')
            continue;
        const target = (0,external_node_path_.resolve)(sitePackages, first);
        const name = entry.replace(/\.egg-link$/, '');
        out.push({ file, name, target, metadata: await findEggInfo(fs, target, normalizeDistName(name)) });
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/stages/audit/link-tree.js
/**
 * setuptools' strict editable mode puts `<project>/build/__editable__.<name>-<ver>-<tag>` on `sys.path`: a tree of
 * symlinks into the project. The tree can survive while the files it links to are gone.
 */

function isLinkTree(path) {
    return (0,external_node_path_.basename)(path).startsWith('__editable__.');
}
const MAX_DEPTH = 12;
const MAX_ENTRIES = 20_000;
/** Every symlink in the tree whose target does not exist. */
async function findBrokenLinks(fs, root) {
    const broken = [];
    let visited = 0;
    const walk = async (dir, depth) => {
        if (depth > MAX_DEPTH)
            return;
        for (const name of (await fs.readdir(dir)) ?? []) {
            visited += 1;
            if (visited > MAX_ENTRIES)
                return;
            const path = (0,external_node_path_.join)(dir, name);
            const link = await fs.lstat(path);
            if (!link)
                continue;
            if (link.isSymbolicLink) {
                if ((await fs.stat(path)) === null)
                    broken.push(path);
            }
            else if (link.isDirectory) {
                await walk(path, depth + 1);
            }
        }
    };
    await walk(root, 0);
    return broken;
}

;// CONCATENATED MODULE: ./lib/stages/audit/pth-files.js
/**
 * `.pth` files as `site` reads them at start-up: a path line (relative to the site directory) is appended to
 * `sys.path` only if it exists, so a dangling one is silently dropped; a line starting with `import` is run.
 */

/** Not editable installs: setuptools' distutils shim, virtualenv's own hook, namespace-package helpers. */
function isIgnoredPth(name) {
    return name === 'distutils-precedence.pth' || name === '_virtualenv.pth' || name.endsWith('-nspkg.pth');
}
/** PATH_MAX on Linux; a longer line cannot name a directory. */
const MAX_PATH_LINE = 4096;
const IMPORT_NAMES = /\bimport\s+([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)/g;
function parsePth(text, file, name, sitePackages) {
    const paths = [];
    const imports = new Set();
    // Like `site`, a path seen once is not looked at again: a huge file of repeated lines costs one check per
    // distinct path, so scanning it takes no longer than Python's own start-up with it.
    const seen = new Set();
    text.split(/\r?\n/).forEach((raw, index) => {
        if (raw.startsWith('#') || raw.trim() === '')
            return;
        if (raw.startsWith('import ') || raw.startsWith('import\t')) {
            for (const match of raw.matchAll(IMPORT_NAMES)) {
                for (const module of (match[1] ?? '').split(','))
                    imports.add(module.trim());
            }
            return;
        }
        // Longer than any path the system accepts: Python's exists() check is false for it, so it never reaches sys.path.
        if (raw.length > MAX_PATH_LINE)
            return;
        const path = (0,external_node_path_.resolve)(sitePackages, raw.trimEnd());
        if (seen.has(path))
            return;
        seen.add(path);
        paths.push({ line: index + 1, path });
    });
    return { file, name, sitePackages, paths, imports: [...imports] };
}
async function readPthFiles(fs, sitePackages, entries) {
    const out = [];
    for (const name of entries) {
        if (!name.endsWith('.pth') || isIgnoredPth(name))
            continue;
        const file = (0,external_node_path_.resolve)(sitePackages, name);
        const stat = await fs.stat(file);
        if (!stat?.isFile)
            continue;
        out.push(parsePth((await fs.readFile(file)).toString('utf8'), file, name, sitePackages));
    }
    return out;
}
/**
 * The distribution name a backend encodes in a `.pth` file name (docs/formats.md, "Module packages and editable
 * installs"), before normalisation.
 */
function distNameFromPthName(name) {
    const base = name.replace(/\.pth$/, '');
    const setuptools = /^__editable__\.(.+)-[^-]+$/.exec(base);
    if (setuptools?.[1])
        return setuptools[1];
    const editables = /^_editable_impl_(.+)$/.exec(base);
    if (editables?.[1])
        return editables[1];
    if (base === 'easy-install')
        return null;
    return base.replace(/^_+/, '') || null;
}

;// CONCATENATED MODULE: ./lib/stages/audit/site-scan.js
/**
 * One pass over an environment's site directories: every distribution with the files that make it importable
 * (its `.pth` files, import hooks, egg-link) and every place those files point to, each checked on disk.
 * Files no distribution owns are kept as orphans: a removed dist-info can leave a `.pth` behind.
 */






async function exists(fs, path) {
    return (await fs.stat(path)) !== null;
}
/** Every target of one `.pth` file: its path lines, the hook modules it imports and their mappings. */
async function pthTargets(fs, pth) {
    const targets = [];
    const mappings = [];
    for (const line of pth.paths) {
        const present = await exists(fs, line.path);
        targets.push({ kind: 'pth-path', file: pth.file, target: line.path, exists: present });
        if (present && isLinkTree(line.path)) {
            for (const broken of await findBrokenLinks(fs, line.path)) {
                targets.push({ kind: 'link-tree-entry', file: pth.file, target: broken, exists: false });
            }
        }
    }
    for (const module of pth.imports) {
        if (!isEditableHookModule(module))
            continue;
        const hook = await readHookModule(fs, pth.sitePackages, module);
        if (!hook.exists) {
            targets.push({ kind: 'pth-import', file: pth.file, target: hook.file, exists: false });
            continue;
        }
        for (const mapping of hook.mappings) {
            mappings.push(mapping);
            const kind = mapping.kind === 'setuptools-finder' ? 'finder-mapping' : 'editables-mapping';
            targets.push({ kind, file: mapping.file, target: mapping.path, exists: await exists(fs, mapping.path) });
        }
    }
    return { targets, mappings };
}
async function scanSitePackages(fs, sitePackages) {
    const sites = [];
    for (const dir of sitePackages)
        sites.push({ dir, entries: (await fs.readdir(dir)) ?? [] });
    const dists = [];
    const orphans = [];
    for (const site of sites) {
        const infos = await Promise.all(site.entries.filter((e) => e.endsWith('.dist-info')).map((e) => readDistInfo(fs, site.dir, e)));
        const pths = await readPthFiles(fs, site.dir, site.entries);
        const owned = new Set();
        // Indexed once per site directory: owners are looked up per .pth file, and every dist lists many files.
        const byRecordedFile = new Map();
        const byKey = new Map();
        for (const info of infos) {
            for (const file of info.recordedPthFiles)
                if (!byRecordedFile.has(file))
                    byRecordedFile.set(file, info);
            if (!byKey.has(info.key))
                byKey.set(info.key, info);
        }
        const ownerOf = (pth) => {
            const byRecord = byRecordedFile.get(pth.file);
            if (byRecord)
                return byRecord;
            const named = distNameFromPthName(pth.name);
            return named ? byKey.get(normalizeDistName(named)) : undefined;
        };
        const pthsByDist = new Map();
        for (const pth of pths) {
            const owner = ownerOf(pth);
            if (!owner)
                continue;
            owned.add(pth.file);
            pthsByDist.set(owner, [...(pthsByDist.get(owner) ?? []), pth]);
        }
        for (const info of infos) {
            const mine = pthsByDist.get(info) ?? [];
            const targets = [];
            const mappings = [];
            const editable = info.directUrl?.editable === true;
            if (editable && info.directUrl?.path) {
                const path = info.directUrl.path;
                targets.push({ kind: 'direct-url', file: info.dir, target: path, exists: await exists(fs, path) });
            }
            for (const pth of mine) {
                const found = await pthTargets(fs, pth);
                targets.push(...found.targets);
                mappings.push(...found.mappings);
            }
            const installedFrom = editable ? (info.directUrl?.path ?? null) : null;
            dists.push({ info, editable, legacy: false, pthFiles: mine, mappings, targets, installedFrom });
        }
        const eggLinks = await readEggLinks(fs, site.dir, site.entries);
        const eggTargets = new Set(eggLinks.map((link) => link.target));
        for (const link of eggLinks) {
            const key = normalizeDistName(link.name);
            const info = link.metadata ?? {
                dir: link.file,
                sitePackages: site.dir,
                name: link.name,
                key,
                version: null,
                installer: null,
                directUrl: null,
                recordedPthFiles: [],
                amplifierEntryPoints: [],
            };
            const present = await exists(fs, link.target);
            dists.push({
                info,
                editable: true,
                legacy: true,
                pthFiles: [],
                mappings: [],
                targets: [{ kind: 'egg-link', file: link.file, target: link.target, exists: present }],
                installedFrom: link.target,
            });
        }
        for (const pth of pths) {
            if (owned.has(pth.file))
                continue;
            const found = await pthTargets(fs, pth);
            // easy-install.pth lines that belong to an egg-link are reported with that egg-link.
            const targets = found.targets.filter((t) => !(t.kind === 'pth-path' && eggTargets.has(t.target)));
            if (targets.length > 0)
                orphans.push({ file: pth.file, targets });
        }
    }
    return { sitePackages, dists, orphans };
}

;// CONCATENATED MODULE: ./lib/stages/audit/install-state-check.js
/**
 * Each entry of Amplifier's install state checked against the environment it names: an entry the environment
 * contradicts makes Amplifier skip an install that is needed. With `fix`, exactly those entries are removed from
 * the file (atomically, everything else byte for byte), so Amplifier reinstalls them on its next start.
 */








async function install_state_check_exists(fs, path) {
    return (await fs.lstat(path)) !== null;
}
function distIndex(dists) {
    return new Map(dists.map((d) => [d.info.key, d]));
}
async function checkEntry(fs, entry, dists) {
    const kinds = [];
    const problems = [];
    const name = await readProjectName(fs, entry.dir);
    const dist = name ? dists.get(normalizeDistName(name)) : undefined;
    if (name && !dist) {
        kinds.push('not-installed');
        problems.push(`${name} is not installed in that environment`);
    }
    else if (dist) {
        const from = dist.installedFrom ? ((await fs.realpath(dist.installedFrom)) ?? dist.installedFrom) : null;
        if (from !== entry.dir) {
            kinds.push('other-directory');
            problems.push(`${dist.info.name} is installed from ${from ?? 'a non-editable build'}, not from this directory`);
        }
    }
    // The install stage's fingerprint is Amplifier's; one that cannot be computed counts as changed (reinstall is safe).
    const current = await fingerprintOf(fs, entry.dir);
    const fingerprint = current.ok ? current.value.combined : current.error;
    if (fingerprint !== entry.fingerprint) {
        kinds.push('fingerprint-changed');
        problems.push((await install_state_check_exists(fs, entry.dir))
            ? `its pyproject.toml/requirements.txt changed since the install (${entry.fingerprint} recorded, ${fingerprint} now)`
            : 'the directory no longer exists');
    }
    if (kinds.length === 0)
        return null;
    return { dir: entry.dir, distribution: name, kinds, message: problems.join('; ') };
}
async function writeAtomically(fs, file, text) {
    const temp = (0,external_node_path_.join)((0,external_node_path_.dirname)(file), `.${(0,external_node_path_.basename)(file)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await fs.writeFile(temp, text);
        await fs.rename(temp, file);
    }
    catch (error) {
        await fs.rm(temp).catch(() => undefined);
        throw error;
    }
}
async function checkInstallState(ctx, file, options) {
    const read = await readInstallState(ctx.fs, file);
    if (read.kind === 'absent')
        return null;
    const none = { file, stale: [], removed: false };
    if (read.kind === 'discarded') {
        return {
            ...none,
            python: null,
            notes: [`${file}: Amplifier discards this file on its next start (${read.detail})`],
        };
    }
    const { state } = read;
    const python = state.python;
    let stale;
    if (python === null || (await ctx.fs.stat(python)) === null) {
        stale = state.entries.map((entry) => ({
            dir: entry.dir,
            distribution: null,
            kinds: ['interpreter-missing'],
            message: `recorded for the interpreter ${python ?? '(none)'}, which no longer exists`,
        }));
    }
    else {
        const mtime = await ctx.fs.lstat(python);
        if (mtime && state.pythonMtime !== Math.trunc(mtime.mtimeMs / 1000)) {
            // Amplifier compares the interpreter's lstat mtime and starts afresh when it differs: no entry is trusted.
            return {
                ...none,
                python,
                notes: [`${file}: ${python} was recreated since; Amplifier discards this file itself`],
            };
        }
        const environment = ctx.known && ctx.known.python === python ? ctx.known : await locateEnvironment(python, ctx.fs);
        const dists = distIndex((await scanSitePackages(ctx.fs, environment.sitePackages)).dists);
        stale = [];
        for (const entry of state.entries) {
            const found = await checkEntry(ctx.fs, entry, dists);
            if (found)
                stale.push(found);
        }
    }
    if (!options.fix || stale.length === 0)
        return { file, python, stale, removed: false, notes: [] };
    // Amplifier may have rewritten the file while we checked: only edit the exact text the check was made against.
    const now = await readInstallState(ctx.fs, file);
    if (now.kind !== 'state' || now.state.text !== state.text) {
        return {
            file,
            python,
            stale,
            removed: false,
            notes: [`${file} changed while doctor checked it; run doctor again`],
        };
    }
    const keys = new Set(stale.map((s) => s.dir));
    await writeAtomically(ctx.fs, file, withoutModules(state.text, keys));
    const after = await readInstallState(ctx.fs, file);
    if (after.kind !== 'state' || after.state.entries.some((e) => keys.has(e.dir))) {
        throw new Error(`removing stale entries from ${file} left it unreadable`);
    }
    return { file, python, stale, removed: true, notes: [] };
}

;// CONCATENATED MODULE: ./lib/secrets.js
/**
 * The one masker. Credentials never reach a log, a report, an error, a summary or a file: everything that leaves the
 * tool goes through a Redactor, which masks the userinfo of every URL in the text (whatever characters the password
 * holds) and every secret registered with it (tokens, and the credentials of every source URL the run met, in their
 * raw, percent-decoded and HTTP Basic forms, so git's own messages cannot quote a piece of them back either).
 */
const MASK = '***';
const SCHEME = /[a-z][a-z0-9+.-]*:\/\//gi;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?/;
const HOST_ALONE = new RegExp(`${HOST.source}$`);
// What may follow a host name in a URL or in the message quoting it.
const AFTER_HOST = /^(?:$|[/?#:'"`)\],;>|])/;
// Well-known token shapes that may turn up in git's or an installer's own messages.
const TOKEN_SHAPES = /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g;
function isHostAt(text, index) {
    const host = HOST.exec(text.slice(index));
    return host !== null && AFTER_HOST.test(text.slice(index + host[0].length));
}
/**
 * How many characters of userinfo `rest` (what follows `scheme://`, up to the next whitespace) starts with; 0 when it
 * has none. Normally the userinfo ends at the last `@` before the first `/`, `?` or `#`. When a password holds one of
 * those unescaped, the part before it is no host name; then the userinfo runs to the first later `@` that is followed
 * by a host name, so no piece of the password stays readable.
 */
function userinfoLength(rest) {
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
    const lastAt = authority.lastIndexOf('@');
    if (authority === '' || (lastAt < 0 && HOST_ALONE.test(authority)))
        return 0;
    if (lastAt >= 0 && HOST_ALONE.test(authority.slice(lastAt + 1)))
        return lastAt;
    for (let at = rest.indexOf('@', authority.length); at >= 0; at = rest.indexOf('@', at + 1)) {
        if (isHostAt(rest, at + 1))
            return at;
    }
    return Math.max(lastAt, 0);
}
/** `git@host` names no secret and ssh needs it; every other userinfo is masked. */
function isPlainSshUser(userinfo) {
    return /^git$/i.test(userinfo);
}
/** Masks the userinfo of every URL in `text`. */
function maskUrls(text) {
    // Most strings of a report (names, paths, statuses) hold no URL at all.
    if (!text.includes('://'))
        return text;
    let out = '';
    let copied = 0;
    const token = /\S*/y;
    for (const match of text.matchAll(SCHEME)) {
        const start = (match.index ?? 0) + match[0].length;
        if (start < copied)
            continue;
        // The URL's rest up to the next whitespace, read in place: slicing the whole remainder for every URL made a long
        // installer log with many links cost time quadratic in its length.
        token.lastIndex = start;
        const rest = token.exec(text)?.[0] ?? '';
        const length = userinfoLength(rest);
        if (length === 0 || isPlainSshUser(rest.slice(0, length)))
            continue;
        out += `${text.slice(copied, start)}${MASK}`;
        copied = start + length;
    }
    return out + text.slice(copied);
}
/** One URI with its userinfo masked, safe to put in a message. */
function maskUserinfo(uri) {
    return maskUrls(uri);
}
/** The userinfo of a URI (`user:password` as written), or null. */
function userinfoOf(uri) {
    const scheme = /^(?:git\+)?[a-z][a-z0-9+.-]*:\/\//i.exec(uri);
    if (!scheme)
        return null;
    const rest = uri.slice(scheme[0].length);
    const length = userinfoLength(rest.split(/\s/)[0] ?? '');
    return length > 0 ? rest.slice(0, length) : null;
}
function percentDecoded(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** A URI with its userinfo removed (a token, a password, even a plain user name). */
function withoutUserinfo(uri) {
    const userinfo = userinfoOf(uri);
    if (userinfo === null)
        return uri;
    const schemeEnd = uri.indexOf('://') + 3;
    return `${uri.slice(0, schemeEnd)}${uri.slice(schemeEnd + userinfo.length + 1)}`;
}
/** The base64 of `user:password` (percent-decoded) that HTTP Basic sends for a URL's userinfo. */
function basicCredentials(userinfo) {
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    const password = colon >= 0 ? userinfo.slice(colon + 1) : '';
    return Buffer.from(`${percentDecoded(user)}:${percentDecoded(password)}`, 'utf8').toString('base64');
}
class Redactor {
    secrets = new Set();
    /** The secrets longest first, kept between calls: a report is thousands of strings. */
    longestFirst = [];
    /** Register a secret value; values shorter than 4 characters are ignored (too likely to mask ordinary text). */
    add(secret) {
        if (!secret || secret.length < 4 || this.secrets.has(secret))
            return;
        this.secrets.add(secret);
        // Longest first, so a secret containing another is masked whole.
        this.longestFirst = [...this.secrets].sort((a, b) => b.length - a.length);
    }
    /** Registers the credentials written in a URI: as written, percent-decoded, the password alone, and Basic-encoded. */
    addUrlCredentials(uri) {
        const userinfo = userinfoOf(uri);
        if (userinfo === null || isPlainSshUser(userinfo))
            return;
        const colon = userinfo.indexOf(':');
        const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
        const password = colon >= 0 ? userinfo.slice(colon + 1) : null;
        for (const raw of [userinfo, password]) {
            if (raw === null)
                continue;
            this.add(raw);
            this.add(percentDecoded(raw));
            this.add(encodeURIComponent(percentDecoded(raw)));
        }
        // A user name alone is usually a token; a user name next to a password is not secret and stays readable.
        if (password === null)
            this.add(user);
        this.add(basicCredentials(userinfo));
    }
    /** Registers the credentials of every URL among the strings of a JSON-like value (declarations, settings, env). */
    addCredentialsIn(value) {
        forEachString(value, (text) => {
            for (const word of text.includes('://') ? text.split(/\s+/) : [])
                this.addUrlCredentials(word);
        });
    }
    redact(text) {
        let out = maskUrls(text).replace(TOKEN_SHAPES, MASK);
        for (const secret of this.longestFirst)
            out = out.split(secret).join(MASK);
        return out;
    }
    /**
     * Redact every string inside a JSON-like value (reports), returning a copy. A report repeats most of its strings
     * (keys, statuses, directories), so each distinct string is masked once.
     */
    redactDeep(value) {
        const done = new Map();
        return redactStrings(value, (text) => {
            let masked = done.get(text);
            if (masked === undefined) {
                masked = this.redact(text);
                done.set(text, masked);
            }
            return masked;
        });
    }
}
function forEachString(value, visit, depth = 0) {
    if (depth > 64)
        return;
    if (typeof value === 'string')
        visit(value);
    else if (value instanceof Map)
        for (const item of value.values())
            forEachString(item, visit, depth + 1);
    else if (Array.isArray(value))
        for (const item of value)
            forEachString(item, visit, depth + 1);
    else if (value !== null && typeof value === 'object')
        for (const item of Object.values(value))
            forEachString(item, visit, depth + 1);
}
/** Applies `redact` to every string (keys included) of a JSON-like value; masking inside JSON text could break it. */
function redactStrings(value, redact) {
    if (typeof value === 'string')
        return redact(value);
    if (Array.isArray(value))
        return value.map((item) => redactStrings(item, redact));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact)]));
    }
    return value;
}

;// CONCATENATED MODULE: ./lib/source/cache-layout.js
/**
 * Where a git source lives in the module cache (docs/formats.md, "The module cache"). Layout A is what the current
 * Amplifier CLI and amplifier-foundation use and the only one this product writes or resolves to; the older layouts
 * B and C are only recognised by their directory names (prune, `commands/prune/prune-clones.ts`).
 *
 * Layout A follows amplifier-foundation's GitSourceHandler: the hashed string is
 * `<scheme without git+>://<netloc><path>@<ref>` where netloc keeps any userinfo, the directory name is the last
 * path segment as written (a trailing `.git` is kept), and the subdirectory is not part of the key.
 */


const LAYOUT_A_NAME = /^(.+)-([0-9a-f]{16})$/;
function sha256Hex(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
}
/** Amplifier clients write the URL without `git+`; tolerate it being passed with the prefix. */
function withoutGitPlus(url) {
    return url.startsWith('git+') ? url.slice('git+'.length) : url;
}
/** The URL's path component: everything after `scheme://netloc`. */
function urlPath(url) {
    const schemeEnd = url.indexOf('://');
    const afterScheme = schemeEnd >= 0 ? url.slice(schemeEnd + 3) : url;
    const slash = afterScheme.indexOf('/');
    return slash >= 0 ? afterScheme.slice(slash) : '';
}
/** The repository name upstream puts in front of the hash: the last path segment, trailing slashes ignored. */
function layoutARepoName(url) {
    const segments = urlPath(withoutGitPlus(url)).replace(/\/+$/, '').split('/');
    return segments[segments.length - 1] ?? '';
}
/** First 16 hex of sha256("<url>@<ref>"). */
function layoutAKey(source) {
    return sha256Hex(`${withoutGitPlus(source.url)}@${source.ref}`).slice(0, 16);
}
/** The directory name of a layout-A clone: `<repo>-<16 hex>`. */
function layoutADirName(source) {
    return `${layoutARepoName(source.url)}-${layoutAKey(source)}`;
}
/** `<home>/cache/<repo>-<16 hex>`: the clone's root, shared by every subdirectory of the same url and ref. */
function layoutARepoDir(home, source) {
    return (0,external_node_path_.join)(home, 'cache', layoutADirName(source));
}
/** The module's directory in layout A: the clone root, plus the subdirectory when there is one. */
function layoutAPath(home, source) {
    const root = layoutARepoDir(home, source);
    return source.subdirectory ? (0,external_node_path_.join)(root, source.subdirectory) : root;
}
/** Splits a directory name such as `amplifier-module-tool-bash-813c080b4c271b81`; null when it is not layout A. */
function parseLayoutADirName(name) {
    const match = LAYOUT_A_NAME.exec(name);
    if (!match)
        return null;
    const [, repo, hash] = match;
    if (repo === undefined || hash === undefined)
        return null;
    return { repo, hash };
}

;// CONCATENATED MODULE: ./lib/source/git-uri.js
/**
 * Parses `git+<transport>://[userinfo@]host/path[@ref][#subdirectory=dir]` the way amplifier-foundation does
 * (docs/formats.md, "Source values"): the authority ends at the first `/`, so a `git@` user is never mistaken for a
 * ref; the ref is whatever follows the first `@` of the *path* (refs may contain `/` and `@`); `#subdirectory=` is the
 * only fragment key that means anything.
 *
 * Every value here ends up on a git command line or in a file path, so anything that could be read as an option, a
 * revision expression, another transport or a path escape is refused with an `unsafe-source` InputError.
 */


const ALLOWED_TRANSPORTS = ['https', 'http', 'ssh', 'git', 'file'];
const DEFAULT_REF = 'main';
const COMMIT_SHA = /^[0-9a-f]{40}$/i;
// Characters git's check-ref-format forbids; several of them are revision syntax (`main~1`, `v1^{}`, `HEAD:path`).
const REF_FORBIDDEN = /[~^:?*[\\]/;
const HOST_NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
// `user@host:path` (scp-like) is valid for git but not a URL; upstream cannot parse it either.
const SCP_LIKE = /^[^/:@]+@[^/:]+:/;
/** True when `text` has a C0/C1 control character, DEL or any whitespace (git and shells split or stop on these). */
function hasControlOrSpace(text) {
    if (/\s/u.test(text))
        return true;
    for (let index = 0; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (code <= 0x20 || (code >= 0x7f && code <= 0x9f))
            return true;
    }
    return false;
}
function unsafe(message, where, fix) {
    return new errors/* InputError */.dz('unsafe-source', message, { file: where.file, line: where.line, fix });
}
function invalid(message, where, fix) {
    return new errors/* InputError */.dz('invalid-source', message, { file: where.file, line: where.line, fix });
}
/** A full 40-hex commit id: the only ref that needs no `ls-remote`. */
function isCommitSha(ref) {
    return COMMIT_SHA.test(ref);
}
/** Rejects refs git would read as an option, a revision expression or a malformed name. */
function checkRef(ref, shown, where) {
    const fix = 'use a branch, tag or 40-hex commit name, e.g. @main, @v1.2.0 or @feat/x';
    if (ref.length === 0)
        throw invalid(`empty ref after '@' in '${shown}'`, where, fix);
    if (ref.startsWith('-'))
        throw unsafe(`ref '${ref}' in '${shown}' starts with '-'`, where, fix);
    if (hasControlOrSpace(ref))
        throw unsafe(`ref in '${shown}' contains whitespace or control characters`, where, fix);
    if (REF_FORBIDDEN.test(ref) || ref.includes('..') || ref.includes('@{') || ref.includes('//'))
        throw unsafe(`ref '${ref}' in '${shown}' is not a plain git ref name`, where, fix);
    if (ref.startsWith('/') || ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock'))
        throw unsafe(`ref '${ref}' in '${shown}' is not a valid git ref name`, where, fix);
    if (ref.split('/').some((part) => part.startsWith('.')))
        throw unsafe(`ref '${ref}' in '${shown}' has a component starting with '.'`, where, fix);
}
/** Normalises `#subdirectory=`; refuses anything that could leave the clone. */
function checkSubdirectory(raw, shown, where) {
    const fix = 'write the subdirectory relative to the repository root, e.g. #subdirectory=modules/tool-x';
    if (hasControlOrSpace(raw))
        throw unsafe(`subdirectory in '${shown}' contains whitespace or control characters`, where, fix);
    let decoded = raw;
    try {
        decoded = decodeURIComponent(raw);
    }
    catch {
        throw invalid(`subdirectory '${raw}' in '${shown}' has a malformed %-escape`, where, fix);
    }
    for (const form of [raw, decoded]) {
        if (/^[/\\]/.test(form) || /^[A-Za-z]:/.test(form))
            throw unsafe(`subdirectory '${raw}' in '${shown}' is an absolute path`, where, fix);
        if (form.split(/[/\\]/).some((segment) => segment === '..'))
            throw unsafe(`subdirectory '${raw}' in '${shown}' contains a '..' segment`, where, fix);
    }
    const segments = raw.split(/[/\\]/).filter((segment) => segment !== '' && segment !== '.');
    if (segments.some((segment) => segment.startsWith('-')))
        throw unsafe(`subdirectory '${raw}' in '${shown}' has a segment starting with '-'`, where, fix);
    return segments.length > 0 ? segments.join('/') : null;
}
function splitFragment(fragment, shown, where) {
    if (fragment === null || fragment === '')
        return { subdirectory: null, ignored: null };
    let subdirectory = null;
    const ignored = [];
    for (const part of fragment.split('&')) {
        if (part.startsWith('subdirectory=')) {
            subdirectory = checkSubdirectory(part.slice('subdirectory='.length), shown, where);
        }
        else if (part !== '') {
            ignored.push(part);
        }
    }
    return { subdirectory, ignored: ignored.length > 0 ? ignored.join('&') : null };
}
function checkAuthority(scheme, authority, shown, where) {
    const at = authority.lastIndexOf('@');
    const userinfo = at >= 0 ? authority.slice(0, at) : null;
    const host = at >= 0 ? authority.slice(at + 1) : authority;
    if (userinfo !== null && (userinfo === '' || userinfo.startsWith('-')))
        throw unsafe(`user name in '${shown}' is empty or starts with '-'`, where, 'write the user as user@host');
    if (scheme === 'file') {
        if (host !== '' && host !== 'localhost')
            throw unsafe(`git+file URI '${shown}' names a host ('${host}')`, where, 'write a local repository as git+file:///absolute/path');
        return '';
    }
    if (host === '')
        throw unsafe(`git URI '${shown}' has no host`, where, 'write it as git+https://host/org/repo@ref');
    if (host.startsWith('-') || !HOST_NAME.test(host)) {
        // A password holding an unescaped '/', '#' or '?' ends the authority early and looks like the host: never quote it.
        if (userinfo === null && host.includes(':'))
            throw unsafe(`'${shown}' has no valid host name before its first '/', '#' or '?'`, where, "if it holds user:password, percent-encode '/', '#', '?' and '@' in the password (%2F, %23, %3F, %40)");
        throw unsafe(`host '${host}' in '${shown}' is not a valid host name`, where, 'write it as git+https://host/org/repo');
    }
    return host;
}
/**
 * Parses a `git+` URI. Throws `InputError` (`invalid-source` for malformed values, `unsafe-source` for values that
 * could make git do something other than fetch a repository) naming `where` when given.
 */
function parseGitUri(uri, where = {}) {
    const shown = maskUserinfo(uri);
    if (!uri.startsWith('git+'))
        throw invalid(`'${shown}' is not a git URI`, where, 'start it with git+https://, git+ssh://, git+file:// ...');
    if (hasControlOrSpace(uri))
        throw unsafe(`git URI '${shown}' contains whitespace or control characters`, where, 'remove them');
    const rest = uri.slice('git+'.length);
    if (rest.startsWith('-'))
        throw unsafe(`git URI '${shown}' starts with '-' after git+`, where, 'write git+https://...');
    const transportEnd = rest.indexOf('://');
    if (transportEnd < 0) {
        if (SCP_LIKE.test(rest))
            throw invalid(`'${shown}' uses the scp-like form user@host:path, which is not a URL`, where, `write it as git+ssh://${rest.replace(':', '/')}`);
        throw unsafe(`'${shown}' does not use an allowed transport (${ALLOWED_TRANSPORTS.join(', ')})`, where, 'use git+https://host/org/repo@ref');
    }
    const scheme = rest.slice(0, transportEnd).toLowerCase();
    if (!ALLOWED_TRANSPORTS.includes(scheme))
        throw unsafe(`transport '${rest.slice(0, transportEnd)}' in '${shown}' is not allowed (allowed: ${ALLOWED_TRANSPORTS.join(', ')})`, where, 'use git+https://host/org/repo@ref');
    const afterTransport = rest.slice(transportEnd + 3);
    const hash = afterTransport.indexOf('#');
    const beforeFragment = hash >= 0 ? afterTransport.slice(0, hash) : afterTransport;
    const fragment = hash >= 0 ? afterTransport.slice(hash + 1) : null;
    if (beforeFragment.includes('?'))
        throw invalid(`git URI '${shown}' has a query string ('?')`, where, 'remove the ?... part; git URLs take none');
    const slash = beforeFragment.indexOf('/');
    const authority = slash >= 0 ? beforeFragment.slice(0, slash) : beforeFragment;
    const pathWithRef = slash >= 0 ? beforeFragment.slice(slash) : '';
    const host = checkAuthority(scheme, authority, shown, where);
    const at = pathWithRef.indexOf('@');
    const path = at >= 0 ? pathWithRef.slice(0, at) : pathWithRef;
    const refGiven = at >= 0;
    const ref = refGiven ? pathWithRef.slice(at + 1) : DEFAULT_REF;
    if (path.replace(/\/+$/, '') === '')
        throw invalid(`git URI '${shown}' has no repository path`, where, 'write it as git+https://host/org/repo@ref');
    if (path.split('/').some((segment) => segment === '..'))
        throw unsafe(`repository path in '${shown}' contains a '..' segment`, where, 'write the repository path without ..');
    if (refGiven)
        checkRef(ref, shown, where);
    const { subdirectory, ignored } = splitFragment(fragment, shown, where);
    return {
        url: `${scheme}://${authority}${path}`,
        ref,
        refGiven,
        subdirectory,
        scheme,
        host,
        path,
        ignoredFragment: ignored,
    };
}
/**
 * For places that skip a git URI they cannot use (bundle includes, registered bundles, as upstream does): a URI that
 * is merely malformed may be skipped, but one that could make git do something else is bad input, refused at `where`.
 */
function refuseUnsafeGitUri(uri, where) {
    try {
        parseGitUri(uri, where);
    }
    catch (error) {
        if (error instanceof errors/* InputError */.dz && error.code === 'unsafe-source')
            throw error;
    }
}

;// CONCATENATED MODULE: ./lib/source/path-within.js
/** Whether a path lies inside a directory, compared as written and through symlinks (a `.pth` holds the resolved path). */

/**
 * `path` is `dir` or lies below it, compared as written. A name that only starts with two dots (`..cache`) is
 * inside; on Windows a path on another drive comes back from `relative` absolute, so it is outside.
 */
function isWithin(path, dir) {
    const rel = (0,external_node_path_.relative)(dir, path);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${external_node_path_.sep}`) && !(0,external_node_path_.isAbsolute)(rel));
}
/** Both spellings of a path: as written and canonical (the canonical one only when it exists). */
async function spellings(fs, path) {
    const real = await fs.realpath(path);
    return real && real !== path ? [path, real] : [path];
}
async function isWithinAny(fs, path, dir) {
    // The spellings as written are among those compared: when they already agree, no canonical path is needed.
    if (isWithin(path, dir))
        return true;
    const paths = await spellings(fs, path);
    const dirs = await spellings(fs, dir);
    return paths.some((p) => dirs.some((d) => isWithin(p, d)));
}

;// CONCATENATED MODULE: ./lib/stages/fetch/git-environment.js
/**
 * The transports git may use after the user's own `url.<base>.insteadOf` rewrites: what git itself treats as safe
 * (https, http, ssh, git) plus file, which company mirrors use. `ext::`, `fd::` and unknown remote helpers stay
 * out. What a declaration may name is checked separately, before git ever runs (source/git-uri.ts).
 */
const DEFAULT_ALLOWED_PROTOCOLS = 'https:http:ssh:git:file';
/** The allow-list git runs with: the user's `GIT_ALLOW_PROTOCOL` when they set one, never overwritten. */
function allowedProtocols(env) {
    const own = env.GIT_ALLOW_PROTOCOL;
    return own !== undefined && own !== '' ? own : DEFAULT_ALLOWED_PROTOCOLS;
}
/** Settings that keep a user's global config from turning a fetch into something else. */
const SAFE_CONFIG = [
    ['core.hooksPath', '/dev/null'],
    ['advice.detachedHead', 'false'],
    ['init.defaultBranch', 'main'],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
    ['credential.interactive', 'false'],
    ['fetch.recurseSubmodules', 'false'],
];
/** The `Authorization` header value GitHub accepts for a token over HTTPS. */
function tokenHeaderValue(token) {
    return `basic ${Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')}`;
}
/** Makes sure neither the token nor its encoded header can be printed. */
function registerToken(redactor, token) {
    if (!token)
        return;
    redactor.add(token.value);
    redactor.add(Buffer.from(`x-access-token:${token.value}`, 'utf8').toString('base64'));
}
function gitEnvironment(env, options = {}) {
    const config = [...SAFE_CONFIG];
    if (options.token) {
        config.push([
            `http.https://${options.token.host}/.extraheader`,
            `AUTHORIZATION: ${tokenHeaderValue(options.token.value)}`,
        ]);
    }
    if (options.urlAuthorization) {
        config.push([
            `http.${options.urlAuthorization.url}.extraheader`,
            `Authorization: ${options.urlAuthorization.header}`,
        ]);
    }
    const out = { ...env };
    // Entries the caller already passes through GIT_CONFIG_* keep their slots; ours follow them.
    const existing = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
    const start = Number.isFinite(existing) && existing > 0 ? existing : 0;
    config.forEach(([key, value], index) => {
        out[`GIT_CONFIG_KEY_${start + index}`] = key;
        out[`GIT_CONFIG_VALUE_${start + index}`] = value;
    });
    out.GIT_CONFIG_COUNT = String(start + config.length);
    out.GIT_ALLOW_PROTOCOL = allowedProtocols(env);
    out.GIT_TERMINAL_PROMPT = '0';
    out.GCM_INTERACTIVE = 'never';
    out.LC_ALL = 'C';
    out.LANGUAGE = 'C';
    // Never let an inherited setting point git at another repository than the one we name.
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_NAMESPACE']) {
        delete out[name];
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/stages/fetch/read-only-git.js

/**
 * `core.fsmonitor` names a program git runs when it reads the index; the untracked cache is written back by a read
 * that lists untracked files. (Hooks are off for every git child: `core.hooksPath` in git-environment.ts.)
 */
const NEUTRAL_CONFIG = ['core.fsmonitor=false', 'core.untrackedCache=false'];
/** Reading a clone is local: a git that has not answered in this long is stuck (a hung file system), not slow. */
const READ_TIMEOUT_MS = 2 * 60 * 1000;
function readerEnv(env) {
    return {
        ...gitEnvironment(env),
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_NO_REPLACE_OBJECTS: '1',
        // No index refresh written back behind a read (git status would, another run may be reading the same clone).
        GIT_OPTIONAL_LOCKS: '0',
    };
}
/** Runs `git <args>` in `dir` with the clone's configuration neutralised; the caller names the repository in `args`. */
function runReadOnlyGit(reader, dir, args) {
    const overrides = NEUTRAL_CONFIG.flatMap((setting) => ['-c', setting]);
    return reader.exec.run(reader.git ?? 'git', [...overrides, ...args], {
        cwd: dir,
        env: readerEnv(reader.env),
        timeoutMs: READ_TIMEOUT_MS,
    });
}

;// CONCATENATED MODULE: ./lib/stages/fetch/tracked-files.js
/**
 * Is every file git checked out still there? A clone whose package directory was deleted still has its marker files
 * and HEAD, and must not be reused. git answers from its own index (`ls-files --deleted`: each entry's path is only
 * looked up, never read or filtered); entries a sparse checkout leaves out (skip-worktree) are not on disk by design
 * and git does not list them.
 */


const STDERR_CHARS = 300;
/** Why the work tree of the clone at `dir` is not whole, or null when every tracked file is present. */
async function trackedFilesProblem(reader, dir) {
    const gitDir = (0,external_node_path_.join)(dir, '.git');
    // Only a `.git` directory is asked about: a `.git` file (`gitdir: <path>`) could send git to any repository on the
    // machine. No index is a clone with nothing checked out, as git itself would list nothing; neither costs a process.
    if (!(await reader.fs.lstat(gitDir))?.isDirectory)
        return null;
    if (!(await reader.fs.lstat((0,external_node_path_.join)(gitDir, 'index')))?.isFile)
        return null;
    // The repository and its work tree are named outright: no discovery, and the clone's `core.worktree` is overruled.
    const result = await runReadOnlyGit(reader, dir, [
        `--git-dir=${gitDir}`,
        `--work-tree=${dir}`,
        'ls-files',
        '--deleted',
        '-z',
    ]);
    // Another run may swap the clone while git reads it (a rename aside, then in): a failure is a clone that is not
    // whole, fetched again, never a crash.
    if (result.spawnError !== null)
        return `git could not be started to list its files (${result.spawnError})`;
    if (result.code !== 0) {
        const said = result.stderr.trim().slice(0, STDERR_CHARS) || `exit ${result.code ?? result.signal}`;
        return `git could not list its files (${said})`;
    }
    const missing = result.stdout.split('\0').find((path) => path !== '');
    return missing === undefined ? null : `the tracked file ${missing} is missing`;
}

;// CONCATENATED MODULE: ./lib/stages/fetch/clone-state.js
/**
 * Is a directory in the module cache a usable clone, and at which commit? Answered from the files, and one git
 * process per clone that has them (are its tracked files all there): a warm run over an unchanged cache costs that
 * and nothing more. HEAD is read from the files.
 */


/**
 * A clone is complete when one of these is at its root (docs/formats.md, "The module cache"; amplifier-foundation's
 * check).
 */
const MODULE_MARKERS = [
    'pyproject.toml',
    'setup.py',
    'setup.cfg',
    'bundle.md',
    'bundle.yaml',
    'amplifier.toml',
];
async function gitDirOf(fs, dir) {
    const dotGit = (0,external_node_path_.join)(dir, '.git');
    // lstat: a `.git` that is a symlink, FIFO or device is not a clone this tool made, and is never opened.
    const stat = await fs.lstat(dotGit);
    if (!stat)
        return null;
    if (stat.isDirectory)
        return dotGit;
    if (!stat.isFile)
        return null;
    // A worktree or submodule: `.git` is a file `gitdir: <path>`.
    const text = ((await fs.readFile(dotGit).catch(() => null))?.toString('utf8') ?? '').trim();
    if (!text.startsWith('gitdir:'))
        return null;
    const target = text.slice('gitdir:'.length).trim();
    return (0,external_node_path_.isAbsolute)(target) ? target : (0,external_node_path_.resolve)(dir, target);
}
/** A file gone between the check and the read (another run swapped the clone) reads as absent, not as a crash. */
async function clone_state_readText(fs, file) {
    if (!(await fs.lstat(file))?.isFile)
        return null;
    return (await fs.readFile(file).catch(() => null))?.toString('utf8') ?? null;
}
/** The commit HEAD points at, following one symbolic ref through loose refs and packed-refs. */
async function readHeadCommit(fs, dir) {
    const gitDir = await gitDirOf(fs, dir);
    if (!gitDir)
        return null;
    const head = (await clone_state_readText(fs, (0,external_node_path_.join)(gitDir, 'HEAD')))?.trim() ?? null;
    if (!head)
        return null;
    if (/^[0-9a-f]{40,64}$/.test(head))
        return head;
    const symbolic = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
    if (!symbolic || symbolic.split('/').includes('..'))
        return null;
    const loose = (await clone_state_readText(fs, (0,external_node_path_.join)(gitDir, symbolic)))?.trim();
    if (loose && /^[0-9a-f]{40,64}$/.test(loose))
        return loose;
    const packed = await clone_state_readText(fs, (0,external_node_path_.join)(gitDir, 'packed-refs'));
    for (const line of packed?.split('\n') ?? []) {
        const [commit, name] = line.trim().split(' ');
        if (name === symbolic && commit && /^[0-9a-f]{40,64}$/.test(commit))
            return commit;
    }
    return null;
}
/** What the files alone say: null when the directory looks like a clone (a `.git` and a marker at its root). */
async function notAClone(fs, dir) {
    const stat = await fs.lstat(dir);
    if (!stat)
        return { kind: 'missing' };
    if (!stat.isDirectory)
        return { kind: 'invalid', reason: 'not a directory' };
    const dotGit = await fs.lstat((0,external_node_path_.join)(dir, '.git'));
    if (!dotGit)
        return { kind: 'invalid', reason: 'no .git' };
    if (!dotGit.isDirectory && !dotGit.isFile)
        return { kind: 'invalid', reason: '.git is neither a directory nor a file' };
    for (const marker of MODULE_MARKERS) {
        if (await fs.stat((0,external_node_path_.join)(dir, marker)))
            return null;
    }
    return { kind: 'invalid', reason: `none of ${MODULE_MARKERS.join(', ')} at its root` };
}
async function inspectClone(reader, dir) {
    const not = await notAClone(reader.fs, dir);
    if (not)
        return not;
    const problem = reader.checkTrackedFiles === false ? null : await trackedFilesProblem(reader, dir);
    if (problem)
        return { kind: 'invalid', reason: `incomplete: ${problem}` };
    return { kind: 'valid', head: await readHeadCommit(reader.fs, dir) };
}

;// CONCATENATED MODULE: ./lib/stages/fetch/context.js
function isStandIn(pin) {
    return pin !== undefined && 'commit' in pin && pin.via === 'cache-unreachable';
}
function pinKey(location) {
    return `${location.url}@${location.ref}`;
}
function isPinned(pin) {
    return pin !== undefined && 'commit' in pin;
}

;// CONCATENATED MODULE: ./lib/stages/fetch/bounded-map.js
/** Maps over items with at most `limit` promises in flight, keeping the input order in the result. */
async function mapBounded(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next;
            next += 1;
            results[index] = await work(items[index], index);
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
    await Promise.all(workers);
    return results;
}

;// CONCATENATED MODULE: ./lib/stages/fetch/cache-meta.js
/**
 * `.amplifier_cache_meta.json`, the file amplifier-foundation writes into every clone it makes
 * (docs/formats.md, "The module cache"). Read leniently: a missing or broken file is simply "no metadata".
 * Written byte for byte the way foundation writes it (Python `json.dumps(meta, indent=2)`, no final newline), with
 * `cached_at` in the form of Python's `datetime.now().isoformat()`: local time without a zone. Amplifier subtracts
 * it from a naive `datetime.now()`; a zone suffix such as `Z` makes that subtraction fail and the age read as 0.
 */


const CACHE_META_FILE = '.amplifier_cache_meta.json';
async function readCacheMeta(fs, repoDir) {
    const file = (0,external_node_path_.join)(repoDir, CACHE_META_FILE);
    // lstat: a metadata file committed as a symlink (or a FIFO) is not ours; it is never followed or opened.
    if (!(await fs.lstat(file))?.isFile)
        return null;
    const record = parseJsonObject(await fs.readFile(file).then((data) => data.toString('utf8'), () => ''));
    if (!record)
        return null;
    const text = (value) => (typeof value === 'string' ? value : '');
    return {
        cached_at: text(record.cached_at),
        ref: text(record.ref),
        commit: typeof record.commit === 'string' && /^[0-9a-f]{40,64}$/.test(record.commit) ? record.commit : null,
        git_url: text(record.git_url),
    };
}
const two = (n) => String(n).padStart(2, '0');
/** Python's `datetime.fromtimestamp(ms / 1000).isoformat()`: local, no zone, microseconds only when not zero. */
function formatCachedAt(epochMs) {
    const at = new Date(epochMs);
    const date = `${String(at.getFullYear()).padStart(4, '0')}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
    const time = `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
    const millis = at.getMilliseconds();
    return `${date}T${time}${millis === 0 ? '' : `.${String(millis * 1000).padStart(6, '0')}`}`;
}
/** True for a value Amplifier's age check can subtract from a naive `datetime.now()` (no zone, no `Z`). */
function isNaiveCachedAt(value) {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/.test(value);
}
/** Python's `json.dumps(meta, indent=2)`: same layout as JSON.stringify, but every non-ASCII character escaped. */
function serializeCacheMeta(meta) {
    const ordered = { cached_at: meta.cached_at, ref: meta.ref, commit: meta.commit, git_url: meta.git_url };
    return JSON.stringify(ordered, null, 2).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Replaces the file (never writes through a symlink or into a FIFO a repository may have committed under its name). */
async function writeCacheMeta(fs, repoDir, meta) {
    await fs.writeFile((0,external_node_path_.join)(repoDir, CACHE_META_FILE), serializeCacheMeta(meta));
}

;// CONCATENATED MODULE: ./lib/stages/fetch/ls-remote.js
/**
 * Reads `git ls-remote` output and picks the commit a ref names, in the order `git clone --branch` uses:
 * a branch first, then a tag (peeled to its commit), then a full ref name or HEAD.
 */
/**
 * `git ls-remote` speaks protocol version 0: the server lists its refs as soon as the client connects (git://, ssh)
 * or asks (one HTTP GET), one round trip. Version 2 takes two (capabilities, then the ls-refs command), and git writes
 * that command as many small packets, which on git:// wait on the server's delayed ACK: 45 ms per repository on
 * 127.0.0.1 against under 10 ms. With patterns, ls-remote filters on the client in both versions, so the same refs
 * travel either way.
 */
const LS_REMOTE_COMMAND = ['-c', 'protocol.version=0', 'ls-remote'];
function parseLsRemote(stdout) {
    const refs = new Map();
    for (const line of stdout.split('\n')) {
        const match = /^([0-9a-f]{40,64})\t(\S+)$/.exec(line.trim());
        if (match?.[1] && match[2])
            refs.set(match[2], match[1]);
    }
    return refs;
}
/** The patterns to ask ls-remote for so every candidate of `ref` (including peeled tags) is listed. */
function lsRemotePatterns(ref) {
    return ref === 'HEAD' ? ['HEAD'] : [ref, `${ref}^{}`];
}
function commitForRef(refs, ref) {
    if (ref === 'HEAD')
        return refs.get('HEAD') ?? null;
    const candidates = [
        `refs/heads/${ref}`,
        `refs/tags/${ref}^{}`,
        `refs/tags/${ref}`,
        ...(ref.startsWith('refs/') ? [`${ref}^{}`, ref] : []),
    ];
    for (const name of candidates) {
        const commit = refs.get(name);
        if (commit)
            return commit;
    }
    return null;
}

;// CONCATENATED MODULE: ./lib/stages/fetch/git-reproduce.js
/**
 * The command a user can paste to repeat a git step that failed here, with what made it behave as it did: the
 * protocol allow-list, no prompts, the credential and hook settings, and the token header (built from
 * `$GITHUB_TOKEN` in the user's shell, never printed). A bare `git ls-remote` can succeed where the tool's call
 * failed (a mirror under the allow-list, a password prompt the tool never answers), and would hide the cause.
 */




/** The safety settings that change what a network command does (the rest only affect local bookkeeping). */
const NETWORK_CONFIG_KEYS = ['credential.interactive', 'core.hooksPath'];
/** Environment, git and its `-c` settings; `before` goes right after the program name (e.g. `-C dir`). */
function gitPrefix(ctx, before = []) {
    const env = [`GIT_ALLOW_PROTOCOL=${shellQuote(allowedProtocols(ctx.env))}`, 'GIT_TERMINAL_PROMPT=0'];
    const config = SAFE_CONFIG.filter(([key]) => NETWORK_CONFIG_KEYS.includes(key)).map(([key, value]) => `-c ${shellQuote(`${key}=${value}`)}`);
    if (ctx.token) {
        const key = `http.https://${ctx.token.host}/.extraheader`;
        config.push(`-c "${key}=AUTHORIZATION: basic $(printf 'x-access-token:%s' "$GITHUB_TOKEN" | base64 -w0)"`);
    }
    return [...env, shellQuote(ctx.git ?? 'git'), ...before, ...config].join(' ');
}
function shownUrl(ctx, url) {
    return shellQuote(ctx.redactor.redact(maskUserinfo(url)));
}
/** `git ls-remote` of the refs the pin asked for. */
function reproduceLsRemote(ctx, url, patterns) {
    return `${gitPrefix(ctx)} ${LS_REMOTE_COMMAND.map(shellQuote).join(' ')} -- ${shownUrl(ctx, url)} ${patterns.map(shellQuote).join(' ')}`;
}
/** The shallow fetch of one commit (or ref) into a fresh repository, as the clone does it. */
function reproduceFetch(ctx, url, what) {
    const prefix = gitPrefix(ctx, ['-C', '"$d"']);
    return `d=$(mktemp -d) && ${shellQuote(ctx.git ?? 'git')} init -q "$d" && ${prefix} fetch --depth 1 --no-tags -- ${shownUrl(ctx, url)} ${shellQuote(what)}`;
}

;// CONCATENATED MODULE: ./lib/stages/fetch/url-credentials.js
/**
 * Credentials written in a source URL never reach git's command line, its config files or its messages: the URL git
 * is given has no userinfo, and an HTTP(S) password or token travels as an `Authorization` header scoped to that URL
 * (through `GIT_CONFIG_*`, like the private-repository token). A crash half-way through a clone can therefore leave
 * nothing secret in the module cache, and git cannot quote a piece of a password back in an error.
 */

function urlForGit(url) {
    const userinfo = userinfoOf(url);
    if (userinfo === null)
        return { url, authorization: null };
    const schemeEnd = url.indexOf('://') + 3;
    const scheme = url.slice(0, schemeEnd).toLowerCase();
    const afterUserinfo = url.slice(schemeEnd + userinfo.length + 1);
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    if (scheme === 'ssh://' && /^[A-Za-z0-9._-]+$/.test(user))
        return { url: `${url.slice(0, schemeEnd)}${user}@${afterUserinfo}`, authorization: null };
    const bare = withoutUserinfo(url);
    if (scheme !== 'http://' && scheme !== 'https://')
        return { url: bare, authorization: null };
    return { url: bare, authorization: `Basic ${basicCredentials(userinfo)}` };
}

;// CONCATENATED MODULE: ./lib/stages/fetch/git-runner.js


const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const STDERR_TAIL_LINES = 8;
const STDERR_TAIL_CHARS = 1200;
/**
 * Runs git. Every argument equal to `options.url` is replaced by that URL without its credentials, which go into a
 * header instead (url-credentials.ts); they are registered with the redactor first, so git's stderr is masked too.
 */
function runGit(ctx, args, options = {}) {
    const forGit = options.url === undefined ? null : urlForGit(options.url);
    if (options.url !== undefined && forGit?.url !== options.url)
        ctx.redactor.addUrlCredentials(options.url);
    const env = gitEnvironment(ctx.env, {
        token: ctx.token,
        urlAuthorization: forGit?.authorization ? { url: forGit.url, header: forGit.authorization } : null,
    });
    const safeArgs = forGit ? args.map((arg) => (arg === options.url ? forGit.url : arg)) : args;
    return ctx.exec.run(ctx.git ?? 'git', safeArgs, {
        cwd: options.cwd,
        env,
        timeoutMs: ctx.gitTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
}
function gitSucceeded(result) {
    return result.code === 0 && result.spawnError === null;
}
/** The last lines of git's stderr (progress noise removed), redacted. */
function stderrTail(ctx, result) {
    if (result.spawnError)
        return `could not start git (${result.spawnError})`;
    const lines = result.stderr
        .split(/\r?\n|\r/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !/^(remote: )?(Counting|Compressing|Receiving|Resolving|Enumerating)/.test(line));
    let tail = lines.slice(-STDERR_TAIL_LINES).join(' | ');
    if (tail.length > STDERR_TAIL_CHARS)
        tail = `...${tail.slice(-STDERR_TAIL_CHARS)}`;
    if (tail === '') {
        tail = result.signal ? `killed by ${result.signal} (timeout?)` : `exit code ${String(result.code)}`;
    }
    return ctx.redactor.redact(tail);
}
/** `<what> <url>@<ref> failed: <git stderr tail>`, safe to print. */
function describeGitFailure(ctx, what, location, result) {
    const where = ctx.redactor.redact(`${location.url}@${location.ref}`);
    return `${what} ${where} failed: ${stderrTail(ctx, result)}`;
}

;// CONCATENATED MODULE: ./lib/stages/fetch/locked-ref-check.js
/**
 * A locked commit must be one the declared ref really held: a commit pushed to any fork can be fetched by its id from
 * the parent repository, so a hand-edited lock could otherwise pin `@main` to a commit `main` never had. Checked when a
 * locked commit is fetched (into the temporary clone, before it is placed), with fetches only (no ls-remote, which
 * `--frozen` promises not to run):
 * - a branch (or a full `refs/...` name, or HEAD): the commit must be reachable from its tip (`merge-base
 *   --is-ancestor`). The clone holds the locked commit, so git's negotiation sends only the commits after it;
 * - a tag: the commit must be the tag's commit.
 */



/** Where the declared ref is fetched to inside the temporary clone; deleted once checked. */
const CHECK_REF = 'refs/amplifier-modules/declared';
const NO_SUCH_REF = /couldn't find remote ref|no matching remote head|not our ref/i;
async function fetchInto(ctx, dir, url, remoteRef, depth) {
    const result = await runGit(ctx, ['fetch', '--quiet', '--no-tags', ...depth, '--', 'origin', `+${remoteRef}:${CHECK_REF}`], { cwd: dir, url });
    if (gitSucceeded(result))
        return { fetched: true, missing: false, failure: '' };
    return {
        fetched: false,
        missing: NO_SUCH_REF.test(result.stderr),
        failure: describeGitFailure(ctx, `git fetch of ${remoteRef} (to check the locked commit) for`, { url, ref: remoteRef }, result),
    };
}
async function revParse(ctx, dir, url, what) {
    const result = await runGit(ctx, ['rev-parse', '--verify', '--quiet', `${what}^{commit}`], { cwd: dir, url });
    return gitSucceeded(result) ? result.stdout.trim() : null;
}
/** Checks, in the clone `dir` holding `commit`, that the declared ref of `location` holds it. */
async function checkLockedCommitOnRef(ctx, location, commit, dir) {
    const { url, ref } = location;
    const shown = ctx.redactor.redact(maskUserinfo(`${url}@${ref}`));
    const mismatch = (why) => err({
        code: 'lock-mismatch',
        message: `${shown}: the lock pins ${commit}, ${why}; the lock was edited or the history rewritten: run amplifier-modules lock --update`,
    });
    const held = ok(undefined);
    const fullName = ref === 'HEAD' || ref.startsWith('refs/');
    try {
        // A branch first, then a tag: the order git clone --branch (and the pin) uses.
        const branch = await fetchInto(ctx, dir, url, fullName ? ref : `refs/heads/${ref}`, []);
        if (branch.fetched) {
            const tip = (await revParse(ctx, dir, url, CHECK_REF)) ?? 'an unreadable commit';
            if (tip === commit)
                return held;
            const ancestor = await runGit(ctx, ['merge-base', '--is-ancestor', '--', commit, CHECK_REF], { cwd: dir, url });
            if (ancestor.code === 0)
                return held;
            if (ancestor.code === 1)
                return mismatch(`which '${ref}' (now at ${tip}) never held`);
            return err({ code: 'git-failed', message: describeGitFailure(ctx, 'git merge-base for', location, ancestor) });
        }
        if (!branch.missing)
            return err({ code: 'git-failed', message: branch.failure });
        if (fullName)
            return mismatch(`and '${ref}' no longer exists upstream`);
        const tag = await fetchInto(ctx, dir, url, `refs/tags/${ref}`, ['--depth', '1']);
        if (tag.fetched) {
            const tagged = await revParse(ctx, dir, url, CHECK_REF);
            return tagged === commit ? held : mismatch(`but the tag '${ref}' is ${tagged ?? 'not a commit'}`);
        }
        if (tag.missing)
            return mismatch(`and no branch or tag '${ref}' exists upstream`);
        return err({ code: 'git-failed', message: tag.failure });
    }
    finally {
        await runGit(ctx, ['update-ref', '-d', CHECK_REF], { cwd: dir, url });
    }
}

;// CONCATENATED MODULE: ./lib/stages/fetch/retry.js
const DEFAULT_RETRY = { attempts: 3, baseDelayMs: 1000 };
const TRANSIENT = [
    /could not resolve host/i,
    /connection (timed out|reset|refused)/i,
    /operation timed out/i,
    /failed to connect/i,
    /unable to connect/i,
    /early eof/i,
    /the remote end hung up unexpectedly/i,
    /rpc failed/i,
    /unexpected disconnect/i,
    /gnutls|openssl|ssl_read|tls/i,
    /the requested url returned error: (429|5\d\d)/i,
    /temporary failure/i,
    /network is unreachable/i,
    /index-pack failed/i,
];
const PERMANENT = [
    /repository not found/i,
    /does not appear to be a git repository/i,
    /authentication failed/i,
    /could not read (username|password)/i,
    /permission denied/i,
    /not our ref/i,
    /couldn't find remote ref/i,
    /the requested url returned error: (401|403|404)/i,
];
function isTransientGitFailure(result) {
    if (result.spawnError)
        return false;
    if (result.signal)
        return true;
    const text = result.stderr;
    if (PERMANENT.some((pattern) => pattern.test(text)))
        return false;
    return TRANSIENT.some((pattern) => pattern.test(text));
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Runs `attempt` until it succeeds, fails permanently, or the policy's tries are used up. */
async function withRetries(policy, attempt, succeeded, onRetry) {
    let result = await attempt();
    for (let tryNumber = 2; tryNumber <= policy.attempts; tryNumber += 1) {
        if (succeeded(result) || !isTransientGitFailure(result))
            return result;
        const delay = policy.baseDelayMs * 2 ** (tryNumber - 2);
        onRetry?.(result, tryNumber, delay);
        await sleep(delay);
        result = await attempt();
    }
    return result;
}

;// CONCATENATED MODULE: ./lib/stages/fetch/clone-at-commit.js








const REFUSED_UNADVERTISED = /not our ref|unadvertised object|allowReachableSHA1InWant|allowAnySHA1InWant/i;
function failed(message, code = 'git-failed', reproduce) {
    return err({ message, code, reproduce });
}
function fetchWithRetries(ctx, dir, url, what) {
    return withRetries(ctx.retry ?? DEFAULT_RETRY, () => runGit(ctx, ['fetch', '--quiet', '--depth', '1', '--no-tags', '--', 'origin', what], { cwd: dir, url }), gitSucceeded, (failedTry, nextTry, delay) => ctx.logger.debug(`fetch ${maskUserinfo(url)}: ${stderrTail(ctx, failedTry)}; try ${nextTry} in ${delay} ms`));
}
/**
 * Clones `location` at `commit` into the existing empty directory `dir`. `fromLock`: the commit came from a lock file,
 * not from the remote, so the declared ref must be shown to hold it (locked-ref-check.ts). `declared`: the declaration's
 * own location when `location` names the commit itself (a locked commit placed in the directory of url@<commit>).
 */
async function cloneAtCommit(ctx, location, commit, dir, fromLock = false, declared = location) {
    const { url } = location;
    const init = await runGit(ctx, ['init', '--quiet', '--template=', '--', dir], { url });
    if (!gitSucceeded(init))
        return failed(describeGitFailure(ctx, 'git init for', location, init));
    const remote = await runGit(ctx, ['config', '--', 'remote.origin.url', url], { cwd: dir, url });
    if (!gitSucceeded(remote))
        return failed(describeGitFailure(ctx, 'git config for', location, remote));
    let fetched = await fetchWithRetries(ctx, dir, url, commit);
    let fetchedWhat = commit;
    if (!gitSucceeded(fetched) && REFUSED_UNADVERTISED.test(fetched.stderr) && location.ref !== commit) {
        ctx.logger.debug(`${maskUserinfo(url)} refuses to serve a commit by id; fetching ref ${location.ref} instead`);
        fetched = await fetchWithRetries(ctx, dir, url, location.ref);
        fetchedWhat = location.ref;
        if (gitSucceeded(fetched)) {
            const got = await runGit(ctx, ['rev-parse', '--verify', '--quiet', 'FETCH_HEAD^{commit}'], { cwd: dir, url });
            if (got.stdout.trim() !== commit) {
                return failed(`${ctx.redactor.redact(maskUserinfo(url))}@${location.ref} moved from ${commit} to ${got.stdout.trim() || '?'} while it was being fetched; run again`);
            }
        }
    }
    if (!gitSucceeded(fetched))
        return failed(describeGitFailure(ctx, `git fetch (commit ${commit}) of`, location, fetched), 'git-failed', reproduceFetch(ctx, url, fetchedWhat));
    const checkout = await runGit(ctx, ['checkout', '--quiet', '--detach', commit], { cwd: dir, url });
    if (!gitSucceeded(checkout))
        return failed(describeGitFailure(ctx, 'git checkout of', location, checkout));
    const head = await readHeadCommit(ctx.fs, dir);
    if (head !== commit)
        return failed(`checkout of ${maskUserinfo(url)}@${location.ref} ended at ${head ?? 'no commit'}, not ${commit}`);
    // Fetched by the ref itself (above), the commit is the ref's tip already.
    if (fromLock && fetchedWhat === commit && declared.ref !== commit) {
        const held = await checkLockedCommitOnRef(ctx, declared, commit, dir);
        if (!held.ok)
            return held;
    }
    const state = await inspectClone(ctx, dir);
    if (state.kind !== 'valid') {
        const reason = state.kind === 'invalid' ? state.reason : 'directory vanished';
        return failed(`${ctx.redactor.redact(maskUserinfo(url))}@${location.ref} (commit ${commit}) is not an Amplifier module or bundle repository: ${reason}`, 'not-a-module');
    }
    await writeCacheMeta(ctx.fs, dir, {
        cached_at: formatCachedAt(ctx.clock.now()),
        ref: location.ref,
        commit,
        git_url: maskUserinfo(url),
    });
    return ok(undefined);
}

;// CONCATENATED MODULE: ./lib/stages/fetch/location-check.js
/**
 * The fetch stage gets URLs and refs from the resolver, but it is the stage that hands them to git, so it checks
 * them again (same rules as the source parser) before any process starts.
 */


/** null when the location is safe to give git, else why not. */
function unsafeLocationReason(location) {
    try {
        const parsed = parseGitUri(`git+${location.url}@${location.ref}`);
        // The URL must survive the round trip unchanged: an `@` or `#` inside it would change what git is given.
        if (parsed.url !== location.url || parsed.ref !== location.ref || parsed.subdirectory !== null) {
            return `'${location.url}' with ref '${location.ref}' is not a plain repository URL and ref`;
        }
        return null;
    }
    catch (error) {
        if ((0,errors/* isInputError */.BT)(error))
            return error.message;
        throw error;
    }
}

;// CONCATENATED MODULE: ./lib/stages/fetch/pin.js
/**
 * Pins every mutable ref to a commit: one `git ls-remote` per distinct repository URL (all of that repository's
 * refs in the same call), several repositories at once. A 40-hex ref is its own pin; a ref the lock file holds is
 * pinned to the locked commit (no network). Offline, the pin is the commit the module cache already holds for that
 * url and ref.
 */














const DEFAULT_CONCURRENCY = 8;
/**
 * An ls-remote is one small request and answer, so more of them may be in flight than clones: a nothing-changed
 * `verify` of 50 repositories spent 385 ms in this round at 8 at a time. 16 stays under git daemon's default
 * connection limit (32) and what hosting services take from one client.
 */
const PIN_CONCURRENCY = 16;
/**
 * One ls-remote asks for a few refs and gets one short answer: a remote that has not answered in a minute is not
 * going to (a host that drops packets, a proxy that accepts and never forwards). Clones keep git's longer limit.
 * With the retries that is about three minutes, not the half hour a fetch's limit would give.
 */
const PIN_TIMEOUT_MS = 60_000;
/** The clone the module cache holds for a location, as inspected, and its commit (null without a usable clone). */
async function cachedClone(location, ctx) {
    const dir = layoutARepoDir(ctx.home, location);
    let clone = await inspectClone(ctx, dir);
    // A clone prune set aside is still on this machine: offline, it is the cache's answer.
    if (clone.kind === 'missing' && (await ctx.unquarantine?.(dir)))
        clone = await inspectClone(ctx, dir);
    if (clone.kind !== 'valid')
        return { dir, clone, commit: null };
    // What is checked out is the truth; the metadata is read only when HEAD cannot be read without git.
    return { dir, clone, commit: clone.head ?? (await readCacheMeta(ctx.fs, dir))?.commit ?? null };
}
async function pinFromCache(location, ctx) {
    const { dir, clone, commit } = await cachedClone(location, ctx);
    if (commit)
        return { commit, via: 'cache', clone };
    const w = ctx.wording ?? CLI_WORDING;
    const shown = ctx.redactor.redact(maskUserinfo(`${location.url}@${location.ref}`));
    const why = clone.kind === 'missing' ? 'is not in the module cache' : 'has no usable clone in the module cache';
    return {
        error: `${shown} ${why} (${dir}) and ${w.turn('offline', true)} forbids fetching it; run once ${w.runWith('offline', false)}`,
        code: 'offline-miss',
    };
}
async function pinRepository(url, refs, ctx) {
    const patterns = [...new Set(refs.flatMap(lsRemotePatterns))];
    const result = await withRetries(ctx.retry ?? DEFAULT_RETRY, () => runGit({ ...ctx, gitTimeoutMs: ctx.gitTimeoutMs ?? PIN_TIMEOUT_MS }, [...LS_REMOTE_COMMAND, '--', url, ...patterns], { url }), gitSucceeded, (failed, nextTry, delay) => ctx.logger.debug(`ls-remote ${maskUserinfo(url)}: ${stderrTail(ctx, failed)}; try ${nextTry} in ${delay} ms`));
    const pins = new Map();
    if (!gitSucceeded(result)) {
        // A network failure with a whole clone already cached: that clone is what Amplifier loads, so it stands, with why.
        const fallBack = ctx.cachedWhenUnreachable === true && isTransientGitFailure(result);
        for (const ref of refs) {
            const error = describeGitFailure(ctx, 'pinning (git ls-remote)', { url, ref }, result);
            const cached = fallBack ? await cachedClone({ url, ref }, ctx) : null;
            pins.set(ref, cached?.clone.kind === 'valid' && cached.commit
                ? { commit: cached.commit, clone: cached.clone, via: 'cache-unreachable', unreachable: error }
                : { error, code: 'git-failed', reproduce: reproduceLsRemote(ctx, url, patterns) });
        }
        return pins;
    }
    const remote = parseLsRemote(result.stdout);
    for (const ref of refs) {
        const commit = commitForRef(remote, ref);
        const shown = ctx.redactor.redact(maskUserinfo(url));
        pins.set(ref, commit
            ? { commit, via: 'ls-remote' }
            : {
                error: `ref '${ref}' not found in ${shown} (no branch or tag of that name; a commit must be written in full, 40 hex)`,
                code: 'ref-not-found',
            });
    }
    return pins;
}
/** `--frozen` pins from the lock alone: a ref the lock lacks is never asked upstream. */
function frozenMiss(location, ctx) {
    const shown = ctx.redactor.redact(maskUserinfo(`${location.url}@${location.ref}`));
    return {
        error: `${shown} has no commit in the lock file and ${(ctx.wording ?? CLI_WORDING).turn('frozen', true) ?? 'a run on a lock file'} asks no remote; run amplifier-modules lock`,
        code: 'lock-mismatch',
    };
}
/** Reading pins from the module cache touches only local files, so more may be in flight than network pins. */
const OFFLINE_CONCURRENCY = 32;
/** One pin per distinct `url@ref` (keyed by `pinKey`). Never throws for a repository's failure: it is in the map. */
async function pinRefs(sources, ctx) {
    registerToken(ctx.redactor, ctx.token);
    const pins = new Map();
    const seen = new Set();
    const toAsk = new Map();
    const fromCache = [];
    for (const location of sources) {
        const key = pinKey(location);
        if (seen.has(key))
            continue;
        seen.add(key);
        const unsafe = unsafeLocationReason(location);
        if (unsafe)
            pins.set(key, { error: ctx.redactor.redact(unsafe), code: 'unsafe-source' });
        else if (isCommitSha(location.ref))
            pins.set(key, { commit: location.ref.toLowerCase(), via: 'commit-ref' });
        else {
            const locked = ctx.lockedCommit?.(location) ?? null;
            if (locked)
                pins.set(key, { commit: locked, via: 'lock' });
            else if (ctx.frozen)
                pins.set(key, frozenMiss(location, ctx));
            else if (ctx.offline)
                fromCache.push(location);
            else
                toAsk.set(location.url, [...(toAsk.get(location.url) ?? []), location.ref]);
        }
    }
    // Offline pins are file reads: run them concurrently too (a serial loop cost ~1.4 ms per module at N=200).
    const cached = await mapBounded(fromCache, OFFLINE_CONCURRENCY, (location) => pinFromCache(location, ctx));
    fromCache.forEach((location, index) => {
        const pin = cached[index];
        if (pin)
            pins.set(pinKey(location), pin);
    });
    const answered = await mapBounded([...toAsk], ctx.concurrency ?? PIN_CONCURRENCY, ([url, refs]) => pinRepository(url, refs, ctx));
    [...toAsk.keys()].forEach((url, index) => {
        for (const [ref, pin] of answered[index] ?? [])
            pins.set(pinKey({ url, ref }), pin);
    });
    return pins;
}

;// CONCATENATED MODULE: ./lib/stages/fetch/place-clone.js
/**
 * Puts a finished clone at its layout-A path with renames only, so the path holds either the old complete clone
 * or the new complete one, never a half-written directory. Temporary names start with `.` and end in random
 * characters, so nothing that scans the cache for `<repo>-<16 hex>` mistakes them for a clone.
 */


const TEMP_PREFIX = '.tmp-';
const ASIDE_PREFIX = '.old-';
const STALE_AFTER_MS = 60 * 60 * 1000;
/**
 * A fresh empty directory beside `finalDir` (same file system, so the final rename is atomic). Made with a plain
 * mkdir, not mkdtemp, because this directory becomes the clone: it must get the mode a plain `git clone` gives
 * under the user's umask (mkdtemp always makes 0700), as Amplifier's own clones have. The random suffix keeps
 * concurrent runs apart, and a name that exists already is never reused.
 */
async function makeTempBeside(fs, finalDir) {
    const parent = (0,external_node_path_.dirname)(finalDir);
    await fs.mkdir(parent);
    for (;;) {
        const temp = (0,external_node_path_.join)(parent, `${TEMP_PREFIX}${(0,external_node_path_.basename)(finalDir)}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
        try {
            await fs.mkdirTemp(temp);
            return temp;
        }
        catch (error) {
            if (error?.code !== 'EEXIST')
                throw error;
        }
    }
}
/**
 * Moves `tempDir` to `finalDir`. An existing `finalDir` is first renamed aside, then deleted once the new one is in
 * place; if the second rename fails the old clone is put back. Throws the rename error when `finalDir` appeared
 * meanwhile (another process placed it): the caller decides whether that clone is good enough.
 */
async function placeClone(fs, tempDir, finalDir, logger) {
    if (!(await fs.lstat(finalDir))) {
        await fs.rename(tempDir, finalDir);
        return;
    }
    const asideParent = await fs.mkdtemp((0,external_node_path_.join)((0,external_node_path_.dirname)(finalDir), `${ASIDE_PREFIX}${(0,external_node_path_.basename)(finalDir)}-`));
    const aside = (0,external_node_path_.join)(asideParent, (0,external_node_path_.basename)(finalDir));
    await fs.rename(finalDir, aside);
    try {
        await fs.rename(tempDir, finalDir);
    }
    catch (error) {
        await fs.rename(aside, finalDir).catch(() => undefined);
        await fs.rm(asideParent).catch(() => undefined);
        throw error;
    }
    await fs.rm(asideParent).catch((error) => {
        logger.warn(`could not delete the replaced clone ${aside}: ${String(error)}`);
    });
}
/** Deletes temporary and set-aside directories that an interrupted run left behind (older than an hour). */
async function sweepStaleTemps(fs, cacheRoot, clock, logger) {
    const names = (await fs.readdir(cacheRoot)) ?? [];
    for (const name of names) {
        if (!name.startsWith(TEMP_PREFIX) && !name.startsWith(ASIDE_PREFIX))
            continue;
        const path = (0,external_node_path_.join)(cacheRoot, name);
        const stat = await fs.lstat(path);
        if (!stat?.isDirectory || clock.now() - stat.mtimeMs < STALE_AFTER_MS)
            continue;
        await fs.rm(path).catch(() => undefined);
        logger.debug(`removed ${path} left by an interrupted run`);
    }
}

;// CONCATENATED MODULE: ./lib/stages/fetch/ensure-checkouts.js
/**
 * Brings every pinned repository into the module cache at its layout-A path, each distinct url and ref once
 * (several modules in subdirectories of one repository share one clone). A clone already at the pinned commit is
 * reused without touching the network; a clone at another commit (the branch moved) or a broken one is replaced
 * atomically at the same path.
 */












/** The distinct locations, in first-seen order. */
function distinctLocations(sources) {
    const seen = new Map();
    for (const source of sources) {
        const key = pinKey(source);
        if (!seen.has(key))
            seen.set(key, { url: source.url, ref: source.ref });
    }
    return [...seen.values()];
}
function offlineReason(state, dir, commit) {
    if (state.kind === 'missing')
        return `not in the module cache (${dir})`;
    if (state.kind === 'invalid')
        return `the cached clone ${dir} is unusable (${state.reason})`;
    return `the cached clone ${dir} is at ${state.head ?? 'no commit'}, not ${commit}`;
}
/**
 * Keeps the metadata truthful for a reused clone (it may have come from another tool or an older run, whose
 * `cached_at` ended in `Z`, a form Amplifier's age check cannot use: such a time is rewritten as local time).
 */
async function refreshMeta(ctx, dir, location, commit) {
    const meta = await readCacheMeta(ctx.fs, dir);
    const cachedAt = meta?.cached_at ?? '';
    if (meta?.commit === commit && meta.ref === location.ref && isNaiveCachedAt(cachedAt))
        return;
    const knownTime = Date.parse(cachedAt);
    await writeCacheMeta(ctx.fs, dir, {
        cached_at: isNaiveCachedAt(cachedAt)
            ? cachedAt
            : formatCachedAt(Number.isNaN(knownTime) ? ctx.clock.now() : knownTime),
        ref: location.ref,
        commit,
        git_url: maskUserinfo(location.url),
    }).catch((error) => ctx.logger.warn(`could not update ${dir}: ${String(error)}`));
}
async function fetchAndPlace(ctx, location, commit, dir, fromLock, declared = location) {
    const temp = await makeTempBeside(ctx.fs, dir);
    try {
        const cloned = await cloneAtCommit(ctx, location, commit, temp, fromLock, declared);
        if (!cloned.ok)
            return { error: cloned.error.message, code: cloned.error.code, reproduce: cloned.error.reproduce };
        try {
            await placeClone(ctx.fs, temp, dir, ctx.logger);
        }
        catch (error) {
            // Another process may have placed the same clone meanwhile; theirs is as good as ours if it is complete.
            const now = await inspectClone(ctx, dir);
            if (now.kind === 'valid' && now.head === commit)
                return null;
            return { error: `could not move the clone into ${dir}: ${String(error)}`, code: 'cache-write-failed' };
        }
        return null;
    }
    finally {
        await ctx.fs.rm(temp).catch(() => undefined);
    }
}
/** `https://host/org/repo@main: ok (network, 1.42 s)` or `...: failed (offline-miss, 0.01 s)`. */
function finishedLine(outcome) {
    const seconds = `${(outcome.ms / 1000).toFixed(2)} s`;
    const status = outcome.error === null
        ? `ok (${outcome.origin ?? 'unknown'}, ${seconds})`
        : `failed (${outcome.code ?? 'git-failed'}, ${seconds})`;
    return `${maskUserinfo(`${outcome.url}@${outcome.ref}`)}: ${status}`;
}
async function ensureOne(ctx, location, pins, options) {
    const started = ctx.clock.now();
    const dir = layoutARepoDir(ctx.home, location);
    const done = (commit, origin, error = null, code = null, reproduce = null) => {
        const outcome = {
            url: location.url,
            ref: location.ref,
            commit,
            dir,
            origin,
            ms: ctx.clock.now() - started,
            error: error === null ? null : ctx.redactor.redact(error),
            code,
            reproduce,
        };
        // Said as each repository finishes, so a long warm shows what is done, not only what started.
        ctx.logger.info(finishedLine(outcome));
        return outcome;
    };
    const pin = pins.get(pinKey(location));
    const shown = maskUserinfo(`${location.url}@${location.ref}`);
    if (!pin)
        return done(null, null, `${shown} was never pinned`, 'git-failed');
    if ('error' in pin)
        return done(null, null, pin.error, pin.code, pin.reproduce ?? null);
    // Offline nothing is replaced, so nothing needs to be waited for.
    const release = ctx.offline ? null : ((await ctx.placementLock?.(dir)) ?? null);
    try {
        return await ensureHeld(ctx, location, pin, dir, options, done);
    }
    finally {
        await release?.();
    }
}
async function ensureHeld(ctx, location, pin, dir, options, done) {
    const { commit } = pin;
    const shown = maskUserinfo(`${location.url}@${location.ref}`);
    let state = ctx.offline && pin.clone ? pin.clone : await inspectClone(ctx, dir);
    // A clone prune quarantined comes back by a rename instead of a fetch.
    if (state.kind === 'missing' && (await ctx.unquarantine?.(dir)))
        state = await inspectClone(ctx, dir);
    if (state.kind === 'valid' && state.head === commit) {
        if (!ctx.offline)
            await refreshMeta(ctx, dir, location, commit);
        return done(commit, options.restoredDirs?.has(dir) ? 'ci-cache' : 'local-cache');
    }
    // A locked commit the ref's clone does not hold goes where Amplifier itself keeps that commit (url@<commit>): the
    // ref's clone may be what other environments installed from, and a lock never moves it, forward or back.
    if (pin.via === 'lock' && state.kind === 'valid') {
        return ensureLockedElsewhere(ctx, location, commit, dir, state.head, options, (to, origin, failure) => {
            const outcome = done(commit, origin, failure?.error ?? null, failure?.code ?? null, failure?.reproduce ?? null);
            return { ...outcome, dir: to };
        });
    }
    if (ctx.offline) {
        return done(commit, null, `${shown}: ${offlineReason(state, dir, commit)}; ${(ctx.wording ?? CLI_WORDING).turn('offline', true)} forbids fetching`, 'offline-miss');
    }
    if (state.kind === 'invalid')
        ctx.logger.warn(`replacing the broken clone ${dir} (${state.reason})`);
    if (state.kind === 'valid') {
        const users = (await ctx.usersOf?.(dir)) ?? [];
        const told = users.length > 0 ? `; installed from by ${users.join(', ')}, which follow it` : '';
        ctx.logger.info(`${shown} moved to ${commit.slice(0, 12)} (cached: ${state.head?.slice(0, 12) ?? 'none'}); updating ${dir}${told}`);
    }
    // One progress line per repository fetched: cold CI runs can take a while and should say what they are doing.
    ctx.logger.info(`fetching ${shown} at ${commit.slice(0, 12)}`);
    try {
        const failure = await fetchAndPlace(ctx, location, commit, dir, pin.via === 'lock');
        return failure
            ? done(commit, null, failure.error, failure.code, failure.reproduce ?? null)
            : done(commit, 'network');
    }
    catch (error) {
        // A file-system failure (permissions, disk full) belongs to this repository's outcome, not to the whole run.
        const reason = error instanceof Error ? error.message : String(error);
        return done(commit, null, `could not place ${shown} in the module cache (${dir}): ${reason}`, 'cache-write-failed');
    }
}
/**
 * The locked commit in the cache directory of url@<commit>: reused when already there, else fetched into it. The
 * ref's clone (at `refHead`) is left as it is.
 */
async function ensureLockedElsewhere(ctx, location, commit, refDir, refHead, options, finish) {
    const atCommit = { url: location.url, ref: commit };
    const dir = layoutARepoDir(ctx.home, atCommit);
    const release = ctx.offline ? null : ((await ctx.placementLock?.(dir)) ?? null);
    try {
        return await placeLockedCommit(ctx, location, commit, dir, refDir, refHead, options, finish);
    }
    finally {
        await release?.();
    }
}
async function placeLockedCommit(ctx, location, commit, dir, refDir, refHead, options, finish) {
    const atCommit = { url: location.url, ref: commit };
    const shown = maskUserinfo(`${location.url}@${location.ref}`);
    const branch = refHead ? `; the branch is at ${refHead.slice(0, 12)} now in ${refDir}, left as it is` : '';
    ctx.logger.info(`${shown} locked at ${commit.slice(0, 12)}${branch}; using ${dir}`);
    let state = await inspectClone(ctx, dir);
    if (state.kind === 'missing' && (await ctx.unquarantine?.(dir)))
        state = await inspectClone(ctx, dir);
    if (state.kind === 'valid' && state.head === commit) {
        return finish(dir, options.restoredDirs?.has(dir) ? 'ci-cache' : 'local-cache', null);
    }
    if (ctx.offline) {
        const error = `${shown}: locked at ${commit}, which neither ${refDir} nor ${dir} holds; --offline forbids fetching`;
        return finish(dir, null, { error, code: 'offline-miss' });
    }
    ctx.logger.info(`fetching ${shown} at ${commit.slice(0, 12)} into ${dir}`);
    try {
        // The locked commit must still be one the declared ref held (an imposter commit is refused here too).
        const failure = await fetchAndPlace(ctx, atCommit, commit, dir, true, location);
        return finish(dir, failure ? null : 'network', failure);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return finish(dir, null, { error: `could not place ${shown} in ${dir}: ${reason}`, code: 'cache-write-failed' });
    }
}
/** One outcome per distinct url@ref of `sources`, in first-seen order. Never throws for a repository's failure. */
async function ensureCheckouts(sources, pins, ctx, options = {}) {
    registerToken(ctx.redactor, ctx.token);
    if (!ctx.offline) {
        await sweepStaleTemps(ctx.fs, (0,external_node_path_.join)(ctx.home, 'cache'), ctx.clock, ctx.logger).catch((error) => ctx.logger.debug(`could not sweep old temporary directories: ${String(error)}`));
    }
    return mapBounded(distinctLocations(sources), ctx.concurrency ?? DEFAULT_CONCURRENCY, (location) => ensureOne(ctx, location, pins, options));
}

;// CONCATENATED MODULE: ./lib/stages/fetch/git-include.js
/**
 * Git includes of bundles (`git+https://...@main#subdirectory=behaviors/x.yaml`) and well-known bundles: where
 * their checkout is in the module cache. `resolve` only looks (no network); `warm` pins and fetches first.
 */











/** A git include that does not parse is an include that cannot be had (the loader reports it), not a crash. */
function parseOrUnavailable(uri) {
    try {
        return parseGitUri(uri);
    }
    catch (error) {
        if ((0,errors/* isInputError */.BT)(error))
            return { unavailable: error.message };
        throw error;
    }
}
/** `placedAt`: where warm put the checkout when not at the ref's own directory (a locked commit: url@<commit>). */
async function locate(home, reader, uri, w = CLI_WORDING, placedAt) {
    const parsed = parseOrUnavailable(uri);
    if ('unavailable' in parsed)
        return parsed;
    const repoDir = placedAt ?? layoutARepoDir(home, parsed);
    const { fs } = reader;
    const state = await inspectClone(reader, repoDir);
    if (state.kind === 'missing') {
        return {
            unavailable: `${maskUserinfo(uri)} is not in the module cache (${repoDir}); run \`${w.command('warm')}\` once`,
        };
    }
    if (state.kind === 'invalid') {
        return { unavailable: `the cached clone ${repoDir} of ${maskUserinfo(uri)} is unusable (${state.reason})` };
    }
    const dir = parsed.subdirectory ? (0,external_node_path_.join)(repoDir, parsed.subdirectory) : repoDir;
    if (!(await fs.stat(dir))) {
        return { unavailable: `${parsed.subdirectory ?? ''} does not exist in the cached clone ${repoDir}` };
    }
    // A symlink committed in the repository must not make a bundle read files from elsewhere on the machine.
    const real = await fs.realpath(dir);
    if (real && !isWithin(real, (await fs.realpath(repoDir)) ?? repoDir)) {
        return {
            unavailable: `${parsed.subdirectory ?? ''} in the cached clone ${repoDir} is a symlink leading outside it`,
        };
    }
    return { dir, repoDir, commit: state.head };
}
/**
 * Offline: the include's checkout if the module cache has it. Given the run's ports (files and git), the clone is
 * checked as warm checks it; given the file system alone (the older call), every tracked file being present is not
 * checked, as that takes git.
 */
function locateGitIncludeInCache(home, reader, w) {
    return (uri) => locate(home, reader, uri, w);
}
/**
 * Warm: pin the include's ref, fetch it into the module cache when needed, then locate it. `lockedCommit` gives the
 * commit a lock file holds for the include's URI: it is the pin (no `ls-remote`), and under `--frozen` it must exist.
 */
function fetchGitInclude(ctx, lockedCommit = () => null) {
    return async (uri) => {
        if (ctx.offline)
            return locate(ctx.home, ctx, uri, ctx.wording);
        const parsed = parseOrUnavailable(uri);
        if ('unavailable' in parsed)
            return parsed;
        const location = { url: parsed.url, ref: parsed.ref };
        const locked = lockedCommit(uri);
        const pins = await pinRefs([location], { ...ctx, lockedCommit: () => locked });
        const [outcome] = await ensureCheckouts([location], pins, ctx);
        if (outcome?.error)
            return { unavailable: outcome.error };
        const located = await locate(ctx.home, ctx, uri, ctx.wording, outcome?.dir);
        const pin = pins.get(pinKey(location));
        return isStandIn(pin) && !('unavailable' in located) ? { ...located, unreachable: pin.unreachable } : located;
    };
}

;// CONCATENATED MODULE: ./lib/commands/shared-stages/environment-stage.js
/**
 * The environment stage: the run's interpreter is chosen and located once, by one rule, and handed on as the run's
 * Python session. It starts lazily, at the first stage that needs it, so bad input in a declaration file is said
 * before any process starts; that first stage is, in order: composing a session (`--session` reads the CLI's
 * behaviors from the environment), fetching the first git include (a run that cannot install is stopped before it
 * clones anything), a module reaching the package layer, or the command itself once the declarations are read.
 */


/**
 * A run about what Amplifier loads (`--session`, or no declaration file given: the active bundle or the workspace's
 * own declarations) may use the Amplifier CLI tool venv when no other virtual environment is there.
 */
function runPurpose(options) {
    return options.session || options.profiles.length === 0 ? 'session' : 'run';
}
/**
 * `required` (install, verify): no environment is bad input (exit 2), and an interpreter its files do not place (a
 * shim, a system interpreter) is asked where it really lives. Otherwise (resolve, warm, lock, prune's declarations)
 * the default environment is used when there is one, read from its files alone unless the user named an interpreter
 * (`--python`), which must exist and is asked when its files do not place it.
 */
function environmentStage(options, ports, required) {
    const request = { explicit: options.python, workspace: options.workspace, purpose: runPurpose(options) };
    let located = null;
    const locate = async () => {
        const found = required || options.python !== null
            ? await locateTarget(request, ports)
            : await locateTargetIfAny({ ...request, ask: false }, ports);
        return found ? pythonSession(found, ports, options.workspace) : null;
    };
    return () => {
        located ??= locate();
        return located;
    };
}

;// CONCATENATED MODULE: ./lib/text-file.js
/**
 * Reading a YAML file someone else may have written (profiles, bundles, agents, settings): only a regular file,
 * only up to a size no real file comes near, and only strict UTF-8. A FIFO or device would block or never end; a
 * file of many megabytes costs minutes of parsing; both are refused before a byte is parsed.
 */

/** Real profiles, bundles and settings are a few kilobytes; the largest in the corpus is under 20 KiB. */
const MAX_YAML_FILE_BYTES = 1024 * 1024;
const BOM = '\uFEFF';
const NEWLINE = 0x0a;
/** The 1-based line of the first byte sequence that is not UTF-8 (a newline byte is never inside a sequence). */
function firstInvalidLine(bytes) {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
        if (i < bytes.length && bytes[i] !== NEWLINE)
            continue;
        try {
            decoder.decode(bytes.subarray(start, i));
        }
        catch {
            return line;
        }
        line += 1;
        start = i + 1;
    }
    return 1;
}
/** Decodes strict UTF-8 (a leading BOM is dropped), as the Python loaders require. */
function decodeUtf8(bytes, file) {
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    }
    catch {
        const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
        throw new errors/* InputError */.dz('invalid-encoding', `file is not valid UTF-8${utf16 ? ' (it is UTF-16)' : ''}`, {
            file,
            line: firstInvalidLine(bytes),
            fix: 'save the file as UTF-8',
        });
    }
    const body = text.startsWith(BOM) ? text.slice(1) : text;
    // PyYAML reads a lone CR (old Mac line endings) as a line break, as it does CR LF: one line each, so every line
    // number stays the one an editor shows.
    return body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
}
/** Reads `file` as text; `what` names it in messages ("file", "settings file"). */
async function readYamlFileText(fs, file, what = 'file') {
    const stat = await fs.stat(file).catch(() => null);
    if (stat && !stat.isFile)
        throw new errors/* InputError */.dz('file-unreadable', `${what} is not a regular file`, {
            file,
            fix: stat.isDirectory ? 'give the path of a file, not a directory' : 'give the path of a regular file',
        });
    if (stat && stat.size > MAX_YAML_FILE_BYTES)
        throw new errors/* InputError */.dz('yaml-too-complex', `${what} is ${stat.size} bytes, larger than the ${MAX_YAML_FILE_BYTES}-byte limit for YAML files`, { file, line: 1, fix: 'split it, or check that the path names the profile, bundle or settings file meant' });
    let bytes;
    try {
        bytes = await fs.readFile(file);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new errors/* InputError */.dz('file-unreadable', `cannot read ${what}: ${reason}`, {
            file,
            fix: 'check the path and its permissions',
        });
    }
    return decodeUtf8(bytes, file);
}

;// CONCATENATED MODULE: ./lib/yaml/yaml-document.js
/**
 * One file's value and lines. `lineOffset` is the number of file lines before the YAML text (front matter starts
 * after `---`). A syntax error is bad input at its line.
 */
async function parseYamlSource(file, text, lineOffset) {
    return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(768)]).then(__webpack_require__.bind(__webpack_require__, 7768))).libraryYamlSource(file, text, lineOffset);
}
/** Parses YAML text into a located tree; an empty document is an empty mapping. Aliases are refused. */
async function parseLocatedYaml(text, file) {
    return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(768)]).then(__webpack_require__.bind(__webpack_require__, 7768))).libraryLocatedYaml(text, file);
}
/** The plain JavaScript value of a located node (for source objects handed to `parseSource`). */
function toPlain(node) {
    switch (node.kind) {
        case 'scalar':
            return node.value;
        case 'list':
            return node.items.map(toPlain);
        case 'map': {
            const out = {};
            for (const [key, entry] of node.entries)
                out[key] = toPlain(entry.value);
            return out;
        }
    }
}
/** amplifier-config's deep merge: mappings merge key by key; lists and scalars of the higher scope replace. */
function mergeLocated(lower, higher) {
    if (lower.kind !== 'map' || higher.kind !== 'map')
        return higher;
    const entries = new Map(lower.entries);
    for (const [key, entry] of higher.entries) {
        const previous = entries.get(key);
        entries.set(key, previous ? { ...entry, value: mergeLocated(previous.value, entry.value) } : entry);
    }
    return { ...higher, entries };
}

;// CONCATENATED MODULE: ./lib/settings/settings-model.js
const SETTINGS_SCOPES = ['user', 'project', 'local'];
const SOURCE_OVERRIDE_SHAPES = [
    'sources',
    'modules',
    'sources.modules',
    'overrides',
    'config.providers',
];
/** Settings with no files: for callers that skip settings entirely. */
function emptySettings(files = []) {
    return {
        files,
        moduleSources: new Map(),
        bundleSources: new Map(),
        addedBundles: new Map(),
        appBundles: [],
        activeBundle: null,
        activeProfile: null,
        configuredProviders: [],
        notifications: { desktop: false, push: false },
    };
}

;// CONCATENATED MODULE: ./lib/settings/settings-shape.js
/**
 * Shape checks for settings values: a wrongly shaped value (a list where a mapping belongs, a number where a
 * source belongs) is an `invalid-settings` InputError at the line that wrote it, with the shape to write instead.
 */


function shapeError(node, what, fix) {
    return new errors/* InputError */.dz('invalid-settings', what, { file: node.file, line: node.line, fix });
}
function describeKind(node) {
    return node.kind === 'scalar' ? (node.value === null ? 'empty' : typeof node.value) : `a ${node.kind}`;
}
/** A value of `kind`, or null when the key is absent or explicitly empty; any other shape is an error. */
function optionalOfKind(kind, entry, keyPath, example) {
    if (!entry)
        return null;
    const { value } = entry;
    if (value.kind === kind)
        return value;
    if (value.kind === 'scalar' && value.value === null)
        return null;
    throw shapeError({ file: value.file, line: entry.line }, `'${keyPath}' must be a ${kind === 'map' ? 'mapping' : 'list'}, found ${describeKind(value)}`, `write it as ${example}`);
}
function optionalMap(entry, keyPath, example) {
    return optionalOfKind('map', entry, keyPath, example);
}
function optionalList(entry, keyPath, example) {
    return optionalOfKind('list', entry, keyPath, example);
}
function stringValue(entry, keyPath) {
    const { value } = entry;
    if (value.kind === 'scalar' && typeof value.value === 'string')
        return value.value;
    throw shapeError({ file: value.file, line: entry.line }, `'${keyPath}' must be a string, found ${describeKind(value)}`, `write ${keyPath.split('.').pop() ?? keyPath}: "<value>"`);
}
/** A module source: a string or an object form (its fields are checked when the source is parsed). */
function sourceValue(node, line, keyPath) {
    if (node.kind === 'scalar' && typeof node.value === 'string')
        return node.value;
    if (node.kind === 'map')
        return toPlain(node);
    throw shapeError({ file: node.file, line }, `'${keyPath}' must be a source string or a source mapping, found ${describeKind(node)}`, `write ${keyPath} as git+https://host/org/repo@ref, ./relative/dir or a package name`);
}
function scopeOfFile(docs, file) {
    return docs.find((doc) => doc.file === file)?.scope ?? 'user';
}

;// CONCATENATED MODULE: ./lib/settings/settings-module-sources.js
/**
 * Module source overrides in the settings files, in their five shapes (docs/formats.md, "Settings"), each kept with
 * the file and line that wrote it and ranked for the settings layer.
 *
 * Among the shapes, the current CLI's chain is `sources.modules` < `overrides.<id>.source` <
 * `config.providers[].source` (its combined source map). The two shapes outside that chain rank below it: flat
 * `sources.<id>` (amplifier-config era) lowest, then `modules.<kind>[].source` (the CLI merges those into the
 * mount plan only after the modules were prepared).
 */



const MODULE_LIST_KINDS = ['tools', 'hooks', 'providers', 'orchestrators', 'contexts'];
function override(docs, id, source, shape, keyPath, at) {
    return {
        id,
        source,
        shape,
        keyPath,
        scope: scopeOfFile(docs, at.file),
        file: at.file,
        line: at.line,
        baseDir: (0,external_node_path_.dirname)(at.file),
    };
}
/** `sources: {<id>: src}` (flat) and `sources: {modules: {...}, bundles: {...}}`, from the merged tree. */
function readSources(merged, docs, out, bundleSources) {
    const sources = optionalMap(merged.entries.get('sources'), 'sources', 'sources: {modules: {<id>: <source>}}');
    if (!sources)
        return;
    for (const [key, entry] of sources.entries) {
        if (key === 'modules') {
            const modules = optionalMap(entry, 'sources.modules', 'sources: {modules: {<id>: <source>}}');
            for (const [id, moduleEntry] of modules?.entries ?? []) {
                const keyPath = `sources.modules.${id}`;
                const source = sourceValue(moduleEntry.value, moduleEntry.line, keyPath);
                out.push(override(docs, id, source, 'sources.modules', keyPath, {
                    file: moduleEntry.value.file,
                    line: moduleEntry.line,
                }));
            }
        }
        else if (key === 'bundles') {
            const bundles = optionalMap(entry, 'sources.bundles', 'sources: {bundles: {<name>: <uri>}}');
            for (const [name, bundleEntry] of bundles?.entries ?? []) {
                const value = stringValue(bundleEntry, `sources.bundles.${name}`);
                const file = bundleEntry.value.file;
                bundleSources.set(name, { value, scope: scopeOfFile(docs, file), file, line: bundleEntry.line });
            }
        }
        else {
            const keyPath = `sources.${key}`;
            const source = sourceValue(entry.value, entry.line, keyPath);
            out.push(override(docs, key, source, 'sources', keyPath, { file: entry.value.file, line: entry.line }));
        }
    }
}
/** `overrides: {<id>: {source, config}}`, from the merged tree. */
function readOverrides(merged, docs, out) {
    const overrides = optionalMap(merged.entries.get('overrides'), 'overrides', 'overrides: {<id>: {source: <source>}}');
    for (const [id, entry] of overrides?.entries ?? []) {
        const body = optionalMap(entry, `overrides.${id}`, `overrides: {${id}: {source: <source>}}`);
        const sourceEntry = body?.entries.get('source');
        if (!sourceEntry || (sourceEntry.value.kind === 'scalar' && sourceEntry.value.value === null))
            continue;
        const keyPath = `overrides.${id}.source`;
        const source = sourceValue(sourceEntry.value, sourceEntry.line, keyPath);
        out.push(override(docs, id, source, 'overrides', keyPath, { file: sourceEntry.value.file, line: sourceEntry.line }));
    }
}
/**
 * Module lists (`modules.<kind>[]`, `config.providers[]`) merge by module id across scopes, as the CLI's
 * provider and tool overrides do: a higher scope's entry replaces the source only when it names one.
 */
function readModuleList(list, listPath, shape, docs, byId) {
    list.items.forEach((item, index) => {
        const itemPath = `${listPath}[${index}]`;
        if (item.kind !== 'map')
            throw shapeError(item, `'${itemPath}' must be a mapping {module, source}, found ${describeKind(item)}`, `write it as - {module: <id>, source: <source>}`);
        const moduleEntry = item.entries.get('module');
        if (!moduleEntry)
            throw shapeError(item, `'${itemPath}' has no 'module' key`, 'add module: <id> to the entry');
        const id = stringValue(moduleEntry, `${itemPath}.module`);
        const sourceEntry = item.entries.get('source');
        if (!sourceEntry || (sourceEntry.value.kind === 'scalar' && sourceEntry.value.value === null))
            return;
        const keyPath = `${itemPath}.source`;
        const source = sourceValue(sourceEntry.value, sourceEntry.line, keyPath);
        byId.set(id, override(docs, id, source, shape, keyPath, { file: item.file, line: sourceEntry.line }));
    });
}
function readModuleLists(docs, out, warnings) {
    const fromModules = new Map();
    const fromProviders = new Map();
    for (const doc of docs) {
        const modules = optionalMap(doc.root.entries.get('modules'), 'modules', 'modules: {tools: [{module, source}]}');
        for (const [kind, entry] of modules?.entries ?? []) {
            if (!MODULE_LIST_KINDS.includes(kind)) {
                warnings.push({
                    code: 'settings-unknown-key',
                    message: `'modules.${kind}' is not a module list the Amplifier CLI reads (${MODULE_LIST_KINDS.join(', ')})`,
                    file: doc.file,
                    line: entry.line,
                });
                continue;
            }
            const list = optionalList(entry, `modules.${kind}`, `modules: {${kind}: [{module: <id>, source: <source>}]}`);
            if (list)
                readModuleList(list, `modules.${kind}`, 'modules', docs, fromModules);
        }
        const config = optionalMap(doc.root.entries.get('config'), 'config', 'config: {providers: [{module, source}]}');
        const providers = optionalList(config?.entries.get('providers'), 'config.providers', 'config: {providers: [{module: <id>, source: <source>}]}');
        if (providers)
            readModuleList(providers, 'config.providers', 'config.providers', docs, fromProviders);
    }
    out.push(...fromModules.values(), ...fromProviders.values());
}
function rankOverrides(all) {
    const byId = new Map();
    for (const item of all)
        byId.set(item.id, [...(byId.get(item.id) ?? []), item]);
    const shapeRank = (o) => SOURCE_OVERRIDE_SHAPES.indexOf(o.shape);
    const scopeRank = (o) => SETTINGS_SCOPES.indexOf(o.scope);
    for (const list of byId.values())
        list.sort((a, b) => shapeRank(b) - shapeRank(a) || scopeRank(b) - scopeRank(a));
    return byId;
}

;// CONCATENATED MODULE: ./lib/settings/settings-session.js

function providerOf(item, itemPath) {
    if (item.kind !== 'map')
        throw shapeError(item, `'${itemPath}' must be a mapping {module, source}, found ${describeKind(item)}`, 'write it as - {module: <id>, source: <source>}');
    const moduleEntry = item.entries.get('module');
    if (!moduleEntry)
        throw shapeError(item, `'${itemPath}' has no 'module' key`, 'add module: <id> to the entry');
    const module = stringValue(moduleEntry, `${itemPath}.module`);
    const idEntry = item.entries.get('id');
    const id = idEntry ? stringValue(idEntry, `${itemPath}.id`) : null;
    const sourceEntry = item.entries.get('source');
    const hasSource = sourceEntry && !(sourceEntry.value.kind === 'scalar' && sourceEntry.value.value === null);
    const source = hasSource
        ? sourceValue(sourceEntry.value, sourceEntry.line, `${itemPath}.source`)
        : null;
    return { key: id ?? module, module, source, keyPath: itemPath, file: item.file, line: item.line };
}
function readConfiguredProviders(docs) {
    const merged = [];
    for (const doc of docs) {
        const config = optionalMap(doc.root.entries.get('config'), 'config', 'config: {providers: [{module, source}]}');
        const list = optionalList(config?.entries.get('providers'), 'config.providers', 'config: {providers: [{module: <id>, source: <source>}]}');
        list?.items.forEach((item, index) => {
            const provider = providerOf(item, `config.providers[${index}]`);
            const at = merged.findIndex((known) => known.key === provider.key);
            if (at < 0)
                merged.push(provider);
            else {
                const known = merged[at];
                // A higher scope that names no source keeps the lower scope's (the CLI merges the entries).
                merged[at] = provider.source === null && known ? { ...provider, source: known.source } : provider;
            }
        });
    }
    return merged;
}
function enabled(section, name) {
    const entry = optionalMap(section?.entries.get(name), `config.notifications.${name}`, `config: {notifications: {${name}: {enabled: true}}}`)?.entries.get('enabled');
    return entry?.value.kind === 'scalar' && Boolean(entry.value.value);
}
function readNotificationSettings(merged) {
    const config = optionalMap(merged.entries.get('config'), 'config', 'config: {notifications: {desktop: {enabled: true}}}');
    const notifications = optionalMap(config?.entries.get('notifications'), 'config.notifications', 'config: {notifications: {desktop: {enabled: true}}}');
    return {
        desktop: enabled(notifications, 'desktop'),
        push: enabled(notifications, 'push') || enabled(notifications, 'ntfy'),
    };
}

;// CONCATENATED MODULE: ./lib/settings/settings.js
/**
 * Amplifier settings files (docs/formats.md, "Settings"): user `<home>/settings.yaml`, project
 * `<workspace>/.amplifier/settings.yaml`, local `<workspace>/.amplifier/settings.local.yaml`, lowest to highest.
 * Mappings deep-merge across scopes; lists and scalars of the higher scope win (amplifier-config's rule). Every
 * value exposed keeps the file and line it came from, so the trail can say which line decided a module's source.
 */










function settingsFilePaths(workspace, home) {
    return [
        { scope: 'user', path: (0,external_node_path_.join)(home, 'settings.yaml'), found: false },
        { scope: 'project', path: (0,external_node_path_.join)(workspace, '.amplifier', 'settings.yaml'), found: false },
        { scope: 'local', path: (0,external_node_path_.join)(workspace, '.amplifier', 'settings.local.yaml'), found: false },
    ];
}
function readBundleSection(merged, docs) {
    const bundle = optionalMap(merged.entries.get('bundle'), 'bundle', 'bundle: {active: <name>, added: {<name>: <uri>}}');
    const addedBundles = new Map();
    const added = optionalMap(bundle?.entries.get('added'), 'bundle.added', 'bundle: {added: {<name>: <uri>}}');
    for (const [name, entry] of added?.entries ?? []) {
        const file = entry.value.file;
        const value = stringValue(entry, `bundle.added.${name}`);
        if (value.startsWith('git+'))
            refuseUnsafeGitUri(value, { file, line: entry.line });
        addedBundles.set(name, {
            value,
            scope: scopeOfFile(docs, file),
            file,
            line: entry.line,
        });
    }
    const appList = optionalList(bundle?.entries.get('app'), 'bundle.app', 'bundle: {app: [<uri>, ...]}');
    const appBundles = (appList?.items ?? []).map((item, index) => {
        if (item.kind !== 'scalar' || typeof item.value !== 'string')
            throw shapeError(item, `'bundle.app[${index}]' must be a bundle URI string, found ${describeKind(item)}`, 'write - git+https://host/org/bundle@main');
        return { value: item.value, scope: scopeOfFile(docs, item.file), file: item.file, line: item.line };
    });
    return { addedBundles, appBundles, activeBundle: activeValue(bundle, 'bundle', docs) };
}
function activeValue(section, name, docs) {
    const entry = section?.entries.get('active');
    if (!entry || (entry.value.kind === 'scalar' && entry.value.value === null))
        return null;
    const file = entry.value.file;
    return { value: stringValue(entry, `${name}.active`), scope: scopeOfFile(docs, file), file, line: entry.line };
}
async function readScope(fs, info) {
    const stat = await fs.stat(info.path);
    if (!stat) {
        // Nothing there is fine; a link there that leads nowhere (a loop, a deleted target) is a broken settings file,
        // never silently no settings.
        if (!(await fs.lstat(info.path))?.isSymbolicLink)
            return null;
        throw new errors/* InputError */.dz('file-unreadable', 'settings file is a symbolic link that loops or points to nothing', {
            file: info.path,
            fix: `point the link at a real settings.yaml, or remove it: rm ${info.path}`,
        });
    }
    if (!stat.isFile)
        throw new errors/* InputError */.dz('file-unreadable', 'settings path is not a file', {
            file: info.path,
            fix: 'remove the directory or replace it with a settings.yaml file',
        });
    const text = await readYamlFileText(fs, info.path, 'settings file');
    const root = await parseLocatedYaml(text, info.path);
    if (root.kind === 'scalar' && root.value === null)
        return { scope: info.scope, file: info.path, root: { kind: 'map', file: info.path, line: 1, entries: new Map() } };
    if (root.kind !== 'map')
        throw shapeError(root, `a settings file must be a mapping at the top level, found ${describeKind(root)}`, 'write top-level keys such as sources:, bundle:, overrides:');
    return { scope: info.scope, file: info.path, root };
}
/** Reads and merges the three settings files. Missing files are fine; wrongly shaped ones are InputErrors. */
async function loadSettings(ctx) {
    const infos = settingsFilePaths(ctx.workspace, ctx.home);
    const docs = [];
    const files = [];
    for (const info of infos) {
        const doc = await readScope(ctx.fs, info);
        files.push({ ...info, found: doc !== null });
        if (doc)
            docs.push(doc);
    }
    const warnings = [];
    const empty = { kind: 'map', file: '', line: 1, entries: new Map() };
    const merged = docs.reduce((acc, doc) => mergeLocated(acc, doc.root), empty);
    if (merged.kind !== 'map')
        return { value: emptySettings(files), warnings };
    const overrides = [];
    const bundleSources = new Map();
    readSources(merged, docs, overrides, bundleSources);
    readOverrides(merged, docs, overrides);
    readModuleLists(docs, overrides, warnings);
    const profile = optionalMap(merged.entries.get('profile'), 'profile', 'profile: {active: <name>}');
    return {
        value: {
            files,
            moduleSources: rankOverrides(overrides),
            bundleSources,
            ...readBundleSection(merged, docs),
            activeProfile: activeValue(profile, 'profile', docs),
            configuredProviders: readConfiguredProviders(docs),
            notifications: readNotificationSettings(merged),
        },
        warnings,
    };
}

;// CONCATENATED MODULE: ./lib/stages/declare/collections.js

/** Candidate directories of collection `name`, highest priority first: --namespace, workspace, home. */
function collectionDirs(ctx, name) {
    return [
        ...ctx.namespaces.filter((ns) => ns.name === name).map((ns) => ns.dir),
        (0,external_node_path_.join)(ctx.workspace, '.amplifier', 'collections', name),
        (0,external_node_path_.join)(ctx.home, 'collections', name),
    ];
}
/** Every collection on this machine, highest priority first; a name found twice keeps its first directory. */
async function listCollections(ctx) {
    const found = [];
    const add = (name, dir) => {
        if (!found.some((c) => c.name === name))
            found.push({ name, dir });
    };
    for (const ns of ctx.namespaces) {
        if ((await ctx.fs.stat(ns.dir))?.isDirectory)
            add(ns.name, ns.dir);
    }
    for (const root of [(0,external_node_path_.join)(ctx.workspace, '.amplifier', 'collections'), (0,external_node_path_.join)(ctx.home, 'collections')]) {
        const names = ((await ctx.fs.readdir(root)) ?? []).sort();
        for (const name of names) {
            const dir = (0,external_node_path_.join)(root, name);
            if ((await ctx.fs.stat(dir))?.isDirectory)
                add(name, dir);
        }
    }
    return found;
}
/** The first of `candidates` that is an existing file, or null. */
async function firstExistingFile(ctx, candidates) {
    for (const candidate of candidates) {
        if ((await ctx.fs.stat(candidate))?.isFile)
            return candidate;
    }
    return null;
}

;// CONCATENATED MODULE: ./lib/stages/declare/include-containment.js
/**
 * A bundle fetched from git is the repository's text: its path includes may only name files inside its own clone.
 * `../../../..` or an absolute path would make a repository read (and declare modules from) files elsewhere on the
 * machine, the same escape a committed symlink out of the clone is refused for.
 */


/** The module-cache clone holding `file` (`<home>/cache/<dir>`, or `<home>/cache/modules/<key>/<ref>`), or null. */
function cloneHolding(file, home) {
    const cacheRoot = (0,external_node_path_.join)(home, 'cache');
    if (!isWithin(file, cacheRoot) || file === cacheRoot)
        return null;
    const parts = (0,external_node_path_.relative)(cacheRoot, file).split(external_node_path_.sep);
    const depth = parts[0] === 'modules' ? 3 : 1;
    if (parts.length <= depth)
        return null;
    return (0,external_node_path_.join)(cacheRoot, ...parts.slice(0, depth));
}
/** Why `target` (an include's path, and the file found for it) is outside `clone`; null when it stays inside. */
async function escapeFromClone(fs, target, clone) {
    if (!isWithin(target, clone))
        return `it leads outside the clone ${clone}`;
    const real = await fs.realpath(target);
    const realClone = (await fs.realpath(clone)) ?? clone;
    if (real && !isWithin(real, realClone))
        return `it is a symlink leading outside the clone ${clone}`;
    return null;
}

;// CONCATENATED MODULE: ./lib/stages/declare/local-bundle-path.js
/** Local bundle references: a path or `file://` URL, as an include or a `sources.bundles` redirect writes it. */


/** `./x`, `../x` or an absolute path (as opposed to a namespace path or a URI). */
function isRelativeOrAbsolutePath(ref) {
    return ref.startsWith('./') || ref.startsWith('../') || (0,external_node_path_.isAbsolute)(ref);
}
/**
 * The directory or file a local include names: `file://` URL or path (relative ones against `baseDir`), with a
 * `#subdirectory=` fragment joined on, as foundation's `parse_uri` reads `file://` URIs.
 */
function localBundlePath(ref, baseDir) {
    const hash = ref.indexOf('#');
    const base = hash >= 0 ? ref.slice(0, hash) : ref;
    const subdirectory = hash >= 0 ? /(?:^|&)subdirectory=([^&]*)/.exec(ref.slice(hash + 1))?.[1] : undefined;
    const path = base.startsWith('file://') ? (0,external_node_url_.fileURLToPath)(base) : (0,external_node_path_.resolve)(baseDir, base);
    return subdirectory ? (0,external_node_path_.join)(path, subdirectory) : path;
}

;// CONCATENATED MODULE: ./lib/stages/declare/bundle-includes.js






/** `BundleRegistry._find_resource_path`: as written, `.yaml`, `.yml`, `.md`, `/bundle.yaml`, `/bundle.md`. */
function bundlePathCandidates(path) {
    return [path, `${path}.yaml`, `${path}.yml`, `${path}.md`, (0,external_node_path_.join)(path, 'bundle.yaml'), (0,external_node_path_.join)(path, 'bundle.md')];
}
/**
 * Resolves one `includes` entry. Upstream policy: a missing path inside a registered namespace is fatal even in
 * lenient mode; an unregistered namespace, a missing `file://`/relative path and a git include that cannot be had
 * are skipped (the caller records them, and fails on them only in strict mode).
 */
async function resolveInclude(ref, at, namespaces, ctx, 
/** The reference came from this machine (the installed CLI), not from the text of a bundle's clone. */
local = false) {
    const existing = async (candidates) => firstExistingFile(ctx, candidates);
    if (ref.startsWith('git+')) {
        refuseUnsafeGitUri(ref, at);
        const location = await namespaces.locateGit(ref);
        if ('unavailable' in location)
            return { kind: 'skipped', reason: `git include unavailable: ${location.unavailable}` };
        const file = await existing(bundlePathCandidates(location.dir));
        return file ? { kind: 'file', file } : { kind: 'skipped', reason: `not found: no bundle at ${location.dir}` };
    }
    if (ref.startsWith('file://') || isRelativeOrAbsolutePath(ref)) {
        const path = localBundlePath(ref, (0,external_node_path_.dirname)(at.file));
        const clone = local ? null : cloneHolding(at.file, ctx.home);
        const leaves = clone ? await escapeFromClone(ctx.fs, path, clone) : null;
        if (leaves)
            return { kind: 'skipped', reason: `include '${ref}' of a bundle fetched from git refused: ${leaves}` };
        const file = await existing(bundlePathCandidates(path));
        if (!file)
            return { kind: 'skipped', reason: `not found: no bundle at ${path}` };
        const fileLeaves = clone ? await escapeFromClone(ctx.fs, file, clone) : null;
        if (fileLeaves)
            return { kind: 'skipped', reason: `include '${ref}' of a bundle fetched from git refused: ${fileLeaves}` };
        return { kind: 'file', file };
    }
    const colon = ref.indexOf(':');
    const name = colon > 0 ? ref.slice(0, colon) : ref;
    const location = await namespaces.lookup(name);
    if (location === null)
        return { kind: 'skipped', reason: `namespace not registered: '${name}'` };
    if (location.kind === 'unavailable') {
        return { kind: 'skipped', reason: `namespace '${name}' unavailable: ${location.reason}` };
    }
    const candidates = colon > 0
        ? bundlePathCandidates((0,external_node_path_.join)(location.dir, ref.slice(colon + 1)))
        : [location.rootFile ?? (0,external_node_path_.join)(location.dir, 'bundle.md'), (0,external_node_path_.join)(location.dir, 'bundle.yaml')];
    const file = await existing(candidates);
    if (file)
        return { kind: 'file', file };
    throw new errors/* InputError */.dz('include-not-found', `include '${ref}': namespace '${name}' is registered (${location.dir}) but the path does not exist; tried:\n${candidates.map((c) => `    ${c}`).join('\n')}`, { file: at.file, line: at.line, fix: 'fix the path after the namespace, or remove the include' });
}

;// CONCATENATED MODULE: ./lib/stages/declare/declare-context.js
/** The bundles the real CLI knows without any settings (app-cli `WELL_KNOWN_BUNDLES`, the ones this tool needs). */
const WELL_KNOWN_BUNDLES = {
    foundation: 'git+https://github.com/microsoft/amplifier-foundation@main',
};

;// CONCATENATED MODULE: ./lib/stages/declare/bundle-namespaces.js




const ROOT_BUNDLE_FILES = ['bundle.md', 'bundle.yaml', 'bundle.yml'];
/**
 * The namespaces bundles refer to (`foundation:behaviors/x`, `anchors:explorer`), highest priority first:
 * --namespace, bundles met while loading (each registers its own name at its own directory), bundles registered
 * in settings, then the well-known ones (located through the module cache like any git include).
 */
class BundleNamespaces {
    ctx;
    loaded = new Map();
    gitLocations = new Map();
    constructor(ctx) {
        this.ctx = ctx;
    }
    /** Records a bundle met while loading; the first directory registered for a name is kept. */
    register(name, dir) {
        if (!this.loaded.has(name))
            this.loaded.set(name, dir);
    }
    /** The checkout of a git URI, asked once per URI. */
    locateGit(uri) {
        let location = this.gitLocations.get(uri);
        if (!location) {
            location = this.ctx.locateGitInclude(uri);
            this.gitLocations.set(uri, location);
        }
        return location;
    }
    /**
     * The directories of every bundle met while loading, in the order met: where Amplifier's `Bundle.prepare` looks
     * for each composed bundle's own Python package (its `source_base_paths`).
     */
    loadedDirs() {
        return [...new Set(this.loaded.values())];
    }
    /** null when no one registered `name`. */
    async lookup(name) {
        const mapped = this.ctx.namespaces.find((ns) => ns.name === name);
        if (mapped)
            return this.fromPath(mapped.dir);
        const loaded = this.loaded.get(name);
        if (loaded)
            return { kind: 'dir', dir: loaded, rootFile: null };
        const registered = this.ctx.registeredBundles[name] ?? WELL_KNOWN_BUNDLES[name];
        if (registered === undefined)
            return null;
        if (registered.startsWith('git+')) {
            const location = await this.locateGit(registered);
            if ('unavailable' in location)
                return { kind: 'unavailable', reason: location.unavailable };
            return this.fromPath(location.dir);
        }
        const path = registered.startsWith('file://') ? (0,external_node_url_.fileURLToPath)(registered) : registered;
        return this.fromPath((0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(this.ctx.workspace, path));
    }
    /** A registered path may be the bundle's directory or its bundle file. */
    async fromPath(path) {
        const stat = await this.ctx.fs.stat(path);
        if (stat?.isFile)
            return { kind: 'dir', dir: (0,external_node_path_.dirname)(path), rootFile: path };
        if (stat?.isDirectory)
            return { kind: 'dir', dir: path, rootFile: null };
        return { kind: 'unavailable', reason: `${path} does not exist` };
    }
    /** The root bundle file of a namespace directory. */
    async rootFileOf(location) {
        return (location.rootFile ??
            firstExistingFile(this.ctx, ROOT_BUNDLE_FILES.map((name) => (0,external_node_path_.join)(location.dir, name))));
    }
}

;// CONCATENATED MODULE: ./lib/stages/declare/profile-references.js




const PROFILE_EXTENSIONS = ['.md', '.yaml', '.yml'];
function withExtensions(path) {
    return (0,external_node_path_.extname)(path) === '' ? PROFILE_EXTENSIONS.map((ext) => `${path}${ext}`) : [path];
}
function isPathReference(ref) {
    return ref.startsWith('./') || ref.startsWith('../') || (0,external_node_path_.isAbsolute)(ref);
}
/** Every file a profile reference may mean, in search order (profile search path: workspace, home, collections). */
async function profileCandidates(ref, fromFile, ctx) {
    if (isPathReference(ref)) {
        // Not accepted by the real loaders; harmless and useful: relative to the file that wrote it.
        return withExtensions((0,external_node_path_.resolve)(fromFile ? (0,external_node_path_.dirname)(fromFile) : ctx.workspace, ref));
    }
    const colon = ref.indexOf(':');
    if (colon > 0) {
        const collection = ref.slice(0, colon);
        const rest = ref.slice(colon + 1);
        // `foundation:base` means `<collection>/profiles/base.md`; a path (`profiles/base.md`) is taken as written.
        const relative = rest.includes('/') || (0,external_node_path_.extname)(rest) !== '' ? rest : (0,external_node_path_.join)('profiles', rest);
        return collectionDirs(ctx, collection).flatMap((dir) => withExtensions((0,external_node_path_.join)(dir, relative)));
    }
    const dirs = [
        (0,external_node_path_.join)(ctx.workspace, '.amplifier', 'profiles'),
        (0,external_node_path_.join)(ctx.home, 'profiles'),
        ...(await listCollections(ctx)).map((c) => (0,external_node_path_.join)(c.dir, 'profiles')),
    ];
    return dirs.flatMap((dir) => withExtensions((0,external_node_path_.join)(dir, ref)));
}
/** Resolves an `extends` reference to a file, or throws naming the reference and every path searched. */
async function resolveProfileReference(ref, from, ctx) {
    const candidates = await profileCandidates(ref, from.file, ctx);
    const found = await firstExistingFile(ctx, candidates);
    if (found)
        return found;
    const mapIt = (ctx.wording ?? CLI_WORDING).set('namespaces', 'NAME=DIR');
    throw new errors/* InputError */.dz('extends-not-found', `parent profile '${ref}' not found; searched:\n${candidates.map((c) => `    ${c}`).join('\n')}`, {
        file: from.file,
        line: from.line,
        fix: `fix the \`extends:\` reference, ${mapIt ? '' : 'or '}install the collection under <home>/collections/<name>/${mapIt ? `, or map it with ${mapIt}` : ''}`,
    });
}

;// CONCATENATED MODULE: ./lib/stages/declare/detect.js







const PROFILE_FILE = /\.(md|ya?ml)$/;
/** `--profile FILE` on the CLI, `profile: FILE` in the action. */
function profileFile(ctx) {
    return (ctx.wording ?? CLI_WORDING).give('profiles', 'FILE') ?? 'name a profile file';
}
async function activeBundleFile(ctx, ref) {
    // Settings paths are relative to the workspace: resolve them as if written by a file at its root.
    const at = { file: (0,external_node_path_.join)(ctx.workspace, 'settings.yaml'), line: 1 };
    const target = await resolveInclude(ref, at, new BundleNamespaces(ctx), ctx);
    if (target.kind === 'file')
        return target.file;
    throw new errors/* InputError */.dz('no-declarations', `active bundle '${ref}' cannot be loaded: ${target.reason}`, {
        fix: `warm the module cache, register the bundle, or ${profileFile(ctx)}`,
    });
}
async function activeProfileFile(ctx, ref) {
    const candidates = await profileCandidates(ref, null, ctx);
    const found = await firstExistingFile(ctx, candidates);
    if (found)
        return found;
    throw new errors/* InputError */.dz('no-declarations', `active profile '${ref}' not found; searched:\n${candidates.map((c) => `    ${c}`).join('\n')}`, { fix: `install its collection under <home>/collections/, or ${profileFile(ctx)}` });
}
/**
 * The declaration files to check when no --profile is given: the active bundle or profile from settings, else
 * `.amplifier/bundle.md|yaml` in the workspace, else every profile in `.amplifier/profiles/`.
 */
async function detectActiveDeclarations(ctx) {
    const warnings = [];
    if (ctx.active.bundle)
        return { value: [await activeBundleFile(ctx, ctx.active.bundle)], warnings };
    if (ctx.active.profile)
        return { value: [await activeProfileFile(ctx, ctx.active.profile)], warnings };
    const amplifierDir = (0,external_node_path_.join)(ctx.workspace, '.amplifier');
    const bundle = await firstExistingFile(ctx, ROOT_BUNDLE_FILES.map((name) => (0,external_node_path_.join)(amplifierDir, name)));
    if (bundle)
        return { value: [bundle], warnings };
    const profilesDir = (0,external_node_path_.join)(amplifierDir, 'profiles');
    const profiles = ((await ctx.fs.readdir(profilesDir)) ?? [])
        .filter((name) => PROFILE_FILE.test(name))
        .sort()
        .map((name) => (0,external_node_path_.join)(profilesDir, name));
    if (profiles.length > 1) {
        warnings.push({
            code: 'several-profiles',
            message: `no active profile in settings; checking all ${profiles.length} profiles in ${profilesDir}`,
            file: profilesDir,
            fix: `${profileFile(ctx)} to check only one`,
        });
    }
    if (profiles.length > 0)
        return { value: profiles, warnings };
    throw new errors/* InputError */.dz('no-declarations', `no profile or bundle found in ${amplifierDir} and none is active in settings`, {
        fix: `${profileFile(ctx)}, or create .amplifier/bundle.md`,
    });
}

;// CONCATENATED MODULE: ./lib/stages/declare/declaration-file.js




/** The YAML part of a `.md` file: text between a `---` line at offset 0 and the next `---` line. */
function extractFrontMatter(text, file) {
    const lines = text.split('\n');
    if ((lines[0] ?? '').trimEnd() !== '---') {
        throw new errors/* InputError */.dz('invalid-value', 'no YAML front matter: the file must start with a `---` line', {
            file,
            line: 1,
            fix: 'put the YAML between two `---` lines at the very top of the file',
        });
    }
    const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
    if (end < 0) {
        throw new errors/* InputError */.dz('invalid-value', 'front matter is not closed: no second `---` line', {
            file,
            line: 1,
            fix: 'end the YAML front matter with a `---` line',
        });
    }
    return { yaml: lines.slice(1, end).join('\n'), lineOffset: 1 };
}
/** Whether a path names a file read as Markdown with front matter (otherwise plain YAML). */
function isMarkdownFile(file) {
    return (0,external_node_path_.extname)(file).toLowerCase() === '.md';
}
/** Reads a profile, bundle or agent file: `.md` front matter or a whole `.yaml`/`.yml` file. */
async function readDeclarationFile(fs, file) {
    const text = await readYamlFileText(fs, file);
    if (isMarkdownFile(file)) {
        const { yaml, lineOffset } = extractFrontMatter(text, file);
        return parseYamlSource(file, yaml, lineOffset);
    }
    return parseYamlSource(file, text, 0);
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./lib/stages/declare/module-entry.js


const LIST_KEYS = ['providers', 'tools', 'hooks'];
const LIST_KIND = { providers: 'provider', tools: 'tool', hooks: 'hook' };
const SLOT_KEYS = ['orchestrator', 'context'];
const EMPTY_MODULE_SET = { orchestrator: null, context: null, providers: [], tools: [], hooks: [] };
const MODULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENTRY_SHAPE = '{module, source?, config?}';
/** Leaves room under the usual 255-byte file-name limit for the `amplifier-module-` prefixes built from it. */
const MAX_ID_BYTES = 200;
function isMapping(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function checkId(value, label, key, src, path) {
    const line = src.lineOf([...path, key]);
    if (typeof value !== 'string' || !MODULE_ID.test(value)) {
        throw new errors/* InputError */.dz('invalid-module-id', `${label}: ${key} ${JSON.stringify(value)} is not a valid module id (letters, digits, '.', '_', '-', starting with a letter or digit; no path separators)`, { file: src.file, line, fix: `use the module's id, e.g. ${key}: tool-bash` });
    }
    // The id names a directory (`.amplifier/modules/<id>`) and is part of the distribution's name: longer than a file
    // name may be, it can never resolve.
    if (Buffer.byteLength(value) > MAX_ID_BYTES) {
        throw new errors/* InputError */.dz('invalid-module-id', `${label}: ${key} is ${Buffer.byteLength(value)} bytes long; a module id names a directory and may be at most ${MAX_ID_BYTES}`, { file: src.file, line, fix: `use the module's real id, e.g. ${key}: tool-bash` });
    }
    return value;
}
/** Validates one entry mapping and records where it was written. */
function readModuleEntry(src, path, label, value, moduleOptional = false) {
    const line = src.lineOf(path);
    if (!isMapping(value)) {
        throw new errors/* InputError */.dz('invalid-type', `${label} must be a mapping ${ENTRY_SHAPE}`, {
            file: src.file,
            line,
            fix: `write it as \`module: <id>\` with an optional \`source:\` and \`config:\``,
        });
    }
    const hasModule = 'module' in value && value.module !== null && value.module !== undefined;
    if (!hasModule && moduleOptional) {
        // A child profile may override only the config of an inherited session slot; the merge supplies the module.
        return { key: '', data: value, at: { file: src.file, line }, sourceDir: (0,external_node_path_.dirname)(src.file) };
    }
    if (!hasModule) {
        throw new errors/* InputError */.dz('invalid-value', `${label} has no 'module' key`, {
            file: src.file,
            line,
            fix: 'add `module: <id>` to the entry',
        });
    }
    const module = checkId(value.module, label, 'module', src, path);
    const id = 'id' in value && value.id !== null && value.id !== undefined ? checkId(value.id, label, 'id', src, path) : null;
    const source = value.source;
    if (source !== undefined && source !== null && typeof source !== 'string' && !isMapping(source)) {
        throw new errors/* InputError */.dz('invalid-source', `${label}: source must be a string or a mapping`, {
            file: src.file,
            line: src.lineOf([...path, 'source']),
            fix: 'write the source as a URI string (git+https://..., ./path, package-name) or {type, ...}',
        });
    }
    const config = value.config;
    if (config !== undefined && config !== null && !isMapping(config)) {
        throw new errors/* InputError */.dz('invalid-type', `${label}: config must be a mapping`, {
            file: src.file,
            line: src.lineOf([...path, 'config']),
            fix: 'write config as key: value pairs',
        });
    }
    return { key: id ?? module, data: value, at: { file: src.file, line }, sourceDir: (0,external_node_path_.dirname)(src.file) };
}
/** Reads `providers`/`tools`/`hooks` at `path` (absent or null: empty). */
function module_entry_readModuleList(src, path, label, value) {
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value)) {
        throw new errors/* InputError */.dz('invalid-type', `${label} must be a list of mappings ${ENTRY_SHAPE}`, {
            file: src.file,
            line: src.lineOf(path),
            fix: `write ${label} as a YAML list: \`- module: <id>\``,
        });
    }
    return value.map((item, index) => readModuleEntry(src, [...path, index], `${label}[${index}]`, item));
}
/** Reads the module-declaring keys of one mapping (a profile, bundle, agent file or inline agent). */
function readModuleSet(src, basePath, mapping, options = {}) {
    const prefix = basePath.length > 0 ? `${basePath.join('.')}.` : '';
    const session = mapping.session;
    if (session !== undefined && session !== null && !isMapping(session)) {
        throw new errors/* InputError */.dz('invalid-type', `${prefix}session must be a mapping`, {
            file: src.file,
            line: src.lineOf([...basePath, 'session']),
            fix: 'write session as `orchestrator: {module, source}` and `context: {module, source}`',
        });
    }
    const slot = (key) => {
        const value = isMapping(session) ? session[key] : undefined;
        if (value === undefined || value === null)
            return null;
        return readModuleEntry(src, [...basePath, 'session', key], `${prefix}session.${key}`, value, options.slotModuleOptional ?? false);
    };
    const list = (key) => module_entry_readModuleList(src, [...basePath, key], `${prefix}${key}`, mapping[key]);
    return {
        orchestrator: slot('orchestrator'),
        context: slot('context'),
        providers: list('providers'),
        tools: list('tools'),
        hooks: list('hooks'),
    };
}

;// CONCATENATED MODULE: ./lib/stages/declare/merge-values.js


/**
 * Profile merge (`ProfileLoader._deep_merge_dicts`): mappings merge key by key, an explicit `null` in the child
 * removes the inherited key, anything else (scalars, lists) is replaced by the child's value.
 */
function mergeProfileValues(parent, child) {
    if (!isMapping(parent) || !isMapping(child))
        return child;
    const merged = { ...parent };
    for (const [key, value] of Object.entries(child)) {
        if (value === null)
            delete merged[key];
        else
            merged[key] = key in parent ? mergeProfileValues(parent[key], value) : value;
    }
    return merged;
}
/**
 * Bundle merge (`Bundle.compose`): mappings merge key by key, lists concatenate without duplicates,
 * anything else takes the later value.
 */
function mergeBundleValues(base, overlay) {
    if (isMapping(base) && isMapping(overlay)) {
        const merged = { ...base };
        for (const [key, value] of Object.entries(overlay)) {
            merged[key] = key in base ? mergeBundleValues(base[key], value) : value;
        }
        return merged;
    }
    if (Array.isArray(base) && Array.isArray(overlay)) {
        const merged = [...base];
        for (const item of overlay) {
            if (!merged.some((existing) => (0,external_node_util_.isDeepStrictEqual)(existing, item)))
                merged.push(item);
        }
        return merged;
    }
    return overlay;
}

;// CONCATENATED MODULE: ./lib/stages/declare/merge-module-sets.js


function entryKey(data, fallback) {
    const id = data.id;
    if (typeof id === 'string' && id !== '')
        return id;
    const module = data.module;
    return typeof module === 'string' ? module : fallback;
}
function mergeEntryData(policy, parent, child) {
    if (policy === 'bundle')
        return mergeBundleValues(parent.data, child.data);
    // merge_module_items: every key but config is the child's; config deep-merges; absent keys are kept.
    const merged = { ...parent.data, ...child.data };
    if (isMapping(parent.data.config) && isMapping(child.data.config)) {
        merged.config = mergeProfileValues(parent.data.config, child.data.config);
    }
    return merged;
}
function mergeEntry(policy, parent, child) {
    const data = mergeEntryData(policy, parent, child);
    return {
        key: entryKey(data, parent.key),
        data,
        at: child.at,
        sourceDir: 'source' in child.data ? child.sourceDir : parent.sourceDir,
    };
}
/**
 * `session.orchestrator`/`session.context` merge as plain dicts upstream, not by module id: a child that names a
 * different module without a source inherits the parent's source and config. Reproduced, with a warning.
 */
function mergeSlot(policy, slot, parent, child, warnings) {
    if (child === null)
        return parent;
    if (parent === null)
        return child;
    const merged = policy === 'profile'
        ? {
            key: '',
            data: mergeProfileValues(parent.data, child.data),
            at: child.at,
            sourceDir: 'source' in child.data ? child.sourceDir : parent.sourceDir,
        }
        : mergeEntry('bundle', parent, child);
    const childModule = child.data.module;
    const parentModule = parent.data.module;
    const parentSource = parent.data.source;
    if (typeof childModule === 'string' &&
        childModule !== parentModule &&
        !('source' in child.data) &&
        parentSource !== undefined &&
        parentSource !== null) {
        warnings.push({
            code: 'session-source-inherited',
            message: `session.${slot} changes the module from '${String(parentModule)}' to '${childModule}' but gives no source: Amplifier merges session by key, so '${childModule}' inherits '${String(parentModule)}''s source ${JSON.stringify(parentSource)}${'config' in parent.data && !('config' in child.data) ? ' and config' : ''}`,
            file: child.at.file,
            line: child.at.line,
            fix: `add a source for '${childModule}' in session.${slot}`,
        });
    }
    return { ...merged, key: entryKey(merged.data, '') };
}
/** Merges module lists by key (`id` else `module`): parent order kept, new keys appended in child order. */
function mergeModuleLists(policy, parent, child) {
    const merged = [...parent];
    for (const entry of child) {
        const index = merged.findIndex((existing) => existing.key === entry.key);
        if (index < 0)
            merged.push(entry);
        else
            merged[index] = mergeEntry(policy, merged[index], entry);
    }
    return merged;
}
/** Applies `child` on top of `parent` with the given policy. */
function mergeModuleSets(policy, parent, child, warnings) {
    const slots = Object.fromEntries(SLOT_KEYS.map((slot) => [slot, mergeSlot(policy, slot, parent[slot], child[slot], warnings)]));
    const lists = Object.fromEntries(LIST_KEYS.map((key) => [key, mergeModuleLists(policy, parent[key], child[key])]));
    return { ...slots, ...lists };
}

;// CONCATENATED MODULE: ./lib/stages/declare/agent-file.js





/** Reads an agent definition file (front matter with `meta:`; modules at the top level like a bundle). */
async function readAgentFile(ctx, file) {
    const src = await readDeclarationFile(ctx.fs, file);
    const value = src.value ?? {};
    if (!isMapping(value)) {
        throw new errors/* InputError */.dz('invalid-type', 'agent front matter must be a mapping', {
            file,
            line: src.lineOf([]),
            fix: 'write the agent definition as `meta: {name, description}` plus optional tools/providers/hooks',
        });
    }
    // A module listed twice in one agent file is one module (merged like bundle entries).
    return mergeModuleSets('bundle', EMPTY_MODULE_SET, readModuleSet(src, [], value), []);
}
/** Agent name from a file name: `agents/bug-hunter.md` -> `bug-hunter`. */
function agentNameOf(file) {
    return (0,external_node_path_.basename)(file, (0,external_node_path_.extname)(file));
}

;// CONCATENATED MODULE: ./lib/stages/declare/bundle-agents.js






/** Merges agent lists by name: first-seen order, a repeated agent's modules merged with the bundle policy. */
function mergeAgentLists(base, overlay, warnings) {
    const merged = [...base];
    for (const agent of overlay) {
        const index = merged.findIndex((existing) => existing.name === agent.name);
        if (index < 0)
            merged.push(agent);
        else {
            const existing = merged[index];
            merged[index] = {
                name: agent.name,
                modules: mergeModuleSets('bundle', existing.modules, agent.modules, warnings),
            };
        }
    }
    return merged;
}
async function locateAgentFile(ref, ownDir, namespaces, ctx) {
    const colon = ref.indexOf(':');
    let dir = ownDir;
    let name = ref;
    if (colon > 0) {
        const location = await namespaces.lookup(ref.slice(0, colon));
        if (location === null)
            return { missing: `namespace '${ref.slice(0, colon)}' is not registered` };
        if (location.kind === 'unavailable')
            return { missing: location.reason };
        dir = location.dir;
        name = ref.slice(colon + 1);
    }
    const candidates = [(0,external_node_path_.join)(dir, 'agents', `${name}.md`), (0,external_node_path_.join)(dir, 'agents', `${name}.yaml`)];
    const file = await firstExistingFile(ctx, candidates);
    return file ? { file } : { missing: `no agent file; tried ${candidates.join(', ')}` };
}
/**
 * A bundle's `agents:` mapping: `include: [ns:name, ...]` (agent files `<ns>/agents/<name>.md`, front matter under
 * `meta:` plus module keys) and inline definitions `<name>: {tools: [...], ...}`. Includes come first, then inline.
 */
async function readBundleAgents(src, root, ownDir, namespaces, ctx, warnings) {
    const agents = root.agents;
    if (agents === undefined || agents === null)
        return [];
    if (!isMapping(agents)) {
        throw new errors/* InputError */.dz('invalid-type', '`agents` in a bundle must be a mapping {include: [ns:name, ...], <name>: {...}}', {
            file: src.file,
            line: src.lineOf(['agents']),
            fix: 'write `agents:` with an `include:` list and/or inline agent definitions',
        });
    }
    const loaded = [];
    const include = agents.include ?? [];
    if (!Array.isArray(include) || !include.every((ref) => typeof ref === 'string')) {
        throw new errors/* InputError */.dz('invalid-type', '`agents.include` must be a list of agent references (ns:name)', {
            file: src.file,
            line: src.lineOf(['agents', 'include']),
            fix: 'write `include: [foundation:explorer, ...]`',
        });
    }
    for (const [index, ref] of include.entries()) {
        const located = await locateAgentFile(ref, ownDir, namespaces, ctx);
        if ('file' in located) {
            loaded.push({ name: ref, modules: await readAgentFile(ctx, located.file) });
            continue;
        }
        const where = { file: src.file, line: src.lineOf(['agents', 'include', index]) };
        const message = `agent '${ref}' not found: ${located.missing}`;
        const fix = 'fix the agent reference or make its bundle available';
        if (ctx.strict)
            throw new errors/* InputError */.dz('agent-not-found', message, { ...where, fix });
        warnings.push({ code: 'agent-not-found', message, ...where, fix });
    }
    for (const [name, definition] of Object.entries(agents)) {
        if (name === 'include' || definition === null)
            continue;
        if (!isMapping(definition)) {
            throw new errors/* InputError */.dz('invalid-type', `agents.${name} must be an inline agent definition (a mapping)`, {
                file: src.file,
                line: src.lineOf(['agents', name]),
                fix: `write agents.${name} as a mapping with tools/providers/hooks, or list the agent under agents.include`,
            });
        }
        const modules = readModuleSet(src, ['agents', name], definition);
        loaded.push({ name, modules: mergeModuleSets('bundle', EMPTY_MODULE_SET, modules, warnings) });
    }
    return loaded;
}

;// CONCATENATED MODULE: ./lib/stages/declare/include-redirect.js

const NAMESPACE_PATH = /^[a-zA-Z][a-zA-Z0-9_-]+:/;
function isNamespacePath(ref) {
    if (ref.includes('://') || ref.startsWith('git+') || ref.startsWith('zip+'))
        return false;
    return NAMESPACE_PATH.test(ref);
}
/**
 * A local override carrying the include's `#subdirectory=` (kept from the include) means that file inside the
 * directory; relative paths are taken from the workspace. Git and other URIs are left as they are.
 */
function localPath(uri, workspace) {
    const local = uri.startsWith('file://') || isRelativeOrAbsolutePath(uri);
    return local ? localBundlePath(uri, workspace) : uri;
}
function redirectInclude(ref, redirects, workspace) {
    if (isNamespacePath(ref))
        return null;
    const by = redirects.find((redirect) => ref.includes(redirect.key));
    if (!by)
        return null;
    const hash = ref.indexOf('#');
    const uri = hash >= 0 && !by.uri.includes('#') ? `${by.uri}${ref.slice(hash)}` : by.uri;
    return { ref: localPath(uri, workspace), by };
}
/** How a redirected include is named in messages: the include, the override and the settings line that chose it. */
function describeRedirect(original, redirected) {
    return `'${original}' (redirected to '${redirected.ref}' by sources.bundles.${redirected.by.key}, ${redirected.by.file}:${redirected.by.line})`;
}
/** The settings line of a redirect, for errors about the override's own value. */
function redirectPosition(redirected) {
    return { file: redirected.by.file, line: redirected.by.line };
}

;// CONCATENATED MODULE: ./lib/stages/declare/unknown-keys.js
/** Top-level keys the upstream schemas know; anything else is most likely a typo. */
const PROFILE_KEYS = [
    'profile',
    'session',
    'providers',
    'tools',
    'hooks',
    'agents',
    'exclude',
    'task',
    'ui',
    'logging',
    'context',
    'system',
];
const BUNDLE_KEYS = [
    'bundle',
    'includes',
    'session',
    'providers',
    'tools',
    'hooks',
    'agents',
    'context',
    'spawn',
    'system',
    'ui',
    'task',
];
/** Warns once per unknown top-level key, at its line. */
function warnUnknownKeys(src, mapping, known, what, warnings) {
    for (const key of Object.keys(mapping)) {
        if (known.includes(key))
            continue;
        warnings.push({
            code: 'unknown-key',
            message: `unknown top-level key '${key}' in a ${what} (ignored)`,
            file: src.file,
            line: src.lineOf([key]),
            fix: `remove it or use one of: ${known.join(', ')}`,
        });
    }
}

;// CONCATENATED MODULE: ./lib/stages/declare/load-bundle.js











const EMPTY_BUNDLE = { modules: EMPTY_MODULE_SET, agents: [] };
function bundleName(root) {
    if (!isMapping(root) || !isMapping(root.bundle))
        return null;
    const name = root.bundle.name;
    return typeof name === 'string' && name !== '' ? name : null;
}
/** Bundle `./`/`../` sources are made absolute at parse time, for providers/tools/hooks only (not the session). */
function absolutizeListSources(modules, dir) {
    const fix = (entry) => {
        const source = entry.data.source;
        if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../')))
            return entry;
        return { ...entry, data: { ...entry.data, source: (0,external_node_path_.resolve)(dir, source) } };
    };
    return {
        ...modules,
        providers: modules.providers.map(fix),
        tools: modules.tools.map(fix),
        hooks: modules.hooks.map(fix),
    };
}
function includeRef(src, item, index) {
    const ref = isMapping(item) ? item.bundle : item;
    if (typeof ref === 'string' && ref.trim() !== '')
        return ref.trim();
    throw new errors/* InputError */.dz('invalid-type', `includes[${index}] must be a string or a mapping {bundle: <reference>}`, {
        file: src.file,
        line: src.lineOf(['includes', index]),
        fix: 'write `- bundle: foundation:behaviors/x` or `- git+https://...`',
    });
}
/** Making a skipped include available, in the reader's front end (the action has no namespace mapping). */
function includeFix(w) {
    const map = w.set('namespaces', 'NAME=DIR');
    return `make the include available (run \`${w.command('warm')}\` once, register the bundle${map ? `, map it with ${map}` : ''}) or remove it`;
}
/** Loads one bundle and everything it includes, composed as `Bundle.compose` does. */
class BundleComposer {
    ctx;
    warnings;
    namespaces;
    memo = new Map();
    sources = new Map();
    unresolved = [];
    /** The directory of every bundle composed (see `BundleNamespaces.loadedDirs`). */
    bundleRoots() {
        return this.namespaces.loadedDirs();
    }
    constructor(ctx, warnings) {
        this.ctx = ctx;
        this.warnings = warnings;
        this.namespaces = new BundleNamespaces(ctx);
    }
    async read(file) {
        let src = this.sources.get(file);
        if (!src) {
            src = await readDeclarationFile(this.ctx.fs, file);
            this.sources.set(file, src);
        }
        return src;
    }
    remember(src) {
        this.sources.set(src.file, src);
    }
    /**
     * Registers the bundle that owns `file`: the nearest `bundle.md`/`bundle.yaml` at or above its directory, not
     * above the checkout root (a directory with `.git`), the workspace or the home. Returns that bundle's directory
     * (where agent references without a namespace are looked up), else the file's own directory.
     */
    async registerOwner(file) {
        let dir = (0,external_node_path_.dirname)(file);
        for (;;) {
            for (const rootName of ROOT_BUNDLE_FILES) {
                const candidate = (0,external_node_path_.join)(dir, rootName);
                if (!(await this.ctx.fs.stat(candidate))?.isFile)
                    continue;
                const name = await this.nameOf(candidate);
                if (name)
                    this.namespaces.register(name, dir);
                return dir;
            }
            const parent = (0,external_node_path_.dirname)(dir);
            const boundary = parent === dir ||
                dir === this.ctx.home ||
                dir === this.ctx.workspace ||
                (await this.ctx.fs.stat((0,external_node_path_.join)(dir, '.git'))) !== null;
            if (boundary)
                return (0,external_node_path_.dirname)(file);
            dir = parent;
        }
    }
    async nameOf(file) {
        try {
            return bundleName((await this.read(file)).value);
        }
        catch {
            // An ancestor bundle that does not parse only costs its namespace; it is reported if it is ever included.
            return null;
        }
    }
    /** A part that cannot be had: skipped with a warning (under --strict the run fails on it), as an unavailable include. */
    unavailable(uri, at, reason) {
        this.skip(uri, at, reason);
        return null;
    }
    /**
     * Loads a bundle named by URI (not an include: no redirect) for composing onto another; null when skipped. `local`:
     * the URI names a file of this machine (the installed CLI's own behavior), not text of the bundle's repository, so
     * it is not held inside a git bundle's clone.
     */
    async composePart(uri, at, local = false) {
        const target = await resolveInclude(uri, at, this.namespaces, this.ctx, local);
        if (target.kind === 'skipped')
            return this.unavailable(uri, at, target.reason);
        const real = (await this.ctx.fs.realpath(target.file)) ?? target.file;
        return this.compose(target.file, [{ file: real, name: uri }]);
    }
    /**
     * A skipped include is listed and warned about, never bad input: the run goes on as Amplifier's does, and --strict
     * fails it (exit 1) naming the include.
     */
    skip(uri, at, reason) {
        if (!this.unresolved.some((u) => u.uri === uri && u.from === at.file)) {
            this.unresolved.push({ uri, from: at.file, reason });
        }
        this.warnings.push({
            code: 'include-skipped',
            message: `include '${uri}' skipped: ${reason}`,
            ...at,
            fix: `Amplifier also skips it; ${includeFix(this.ctx.wording ?? CLI_WORDING)}`,
        });
    }
    async compose(file, stack) {
        const real = (await this.ctx.fs.realpath(file)) ?? file;
        const cached = this.memo.get(real);
        if (cached)
            return cached;
        const src = await this.read(file);
        const root = src.value ?? {};
        if (!isMapping(root)) {
            throw new errors/* InputError */.dz('invalid-type', 'a bundle must be a YAML mapping', {
                file,
                line: src.lineOf([]),
                fix: 'start the bundle with `bundle: {name, version}` and the module keys',
            });
        }
        warnUnknownKeys(src, root, BUNDLE_KEYS, 'bundle', this.warnings);
        const ownDir = await this.registerOwner(file);
        const own = bundleName(root);
        if (own && ROOT_BUNDLE_FILES.includes((0,external_node_path_.basename)(file)))
            this.namespaces.register(own, (0,external_node_path_.dirname)(file));
        let composed = EMPTY_BUNDLE;
        const includes = root.includes ?? [];
        if (!Array.isArray(includes)) {
            throw new errors/* InputError */.dz('invalid-type', '`includes` must be a list', {
                file,
                line: src.lineOf(['includes']),
                fix: 'write `includes:` as a YAML list of `- bundle: <reference>`',
            });
        }
        for (const [index, item] of includes.entries()) {
            const ref = includeRef(src, item, index);
            const at = { file, line: src.lineOf(['includes', index]) };
            const redirected = redirectInclude(ref, this.ctx.bundleSources ?? [], this.ctx.workspace);
            const target = redirected
                ? await resolveInclude(redirected.ref, redirectPosition(redirected), this.namespaces, this.ctx)
                : await resolveInclude(ref, at, this.namespaces, this.ctx);
            if (target.kind === 'skipped') {
                this.skip(ref, at, redirected ? `${describeRedirect(ref, redirected)}: ${target.reason}` : target.reason);
                continue;
            }
            const targetReal = (await this.ctx.fs.realpath(target.file)) ?? target.file;
            const loop = stack.findIndex((entry) => entry.file === targetReal);
            if (loop >= 0) {
                const names = [...stack.slice(loop).map((entry) => entry.name), ref];
                // The Amplifier loader skips the closing include with a warning; a verifier treats the loop as the bad input
                // it is (exit 2), so a bundle never silently composes differently from what its author wrote.
                const message = `Circular dependency detected: ${names.join(' -> ')} (Amplifier would skip this include)`;
                throw new errors/* InputError */.dz('include-cycle', message, { ...at, fix: 'remove the include that closes the loop' });
            }
            const child = await this.compose(target.file, [...stack, { file: targetReal, name: ref }]);
            composed = this.mergeBundles(composed, child);
        }
        const modules = absolutizeListSources(readModuleSet(src, [], root), (0,external_node_path_.dirname)(file));
        const agents = await readBundleAgents(src, root, ownDir, this.namespaces, this.ctx, this.warnings);
        const result = this.mergeBundles(composed, { modules, agents });
        this.memo.set(real, result);
        return result;
    }
    mergeBundles(base, overlay) {
        return {
            modules: mergeModuleSets('bundle', base.modules, overlay.modules, this.warnings),
            agents: mergeAgentLists(base.agents, overlay.agents, this.warnings),
        };
    }
}
/** Loads a bundle with its includes (composed first, in order, then the bundle on top) and its agents. */
/** The root bundle composed with everything it includes, and the composer that remembers what it could not include. */
async function composeRootBundle(ctx, src, warnings) {
    const composer = new BundleComposer(ctx, warnings);
    composer.remember(src);
    const real = (await ctx.fs.realpath(src.file)) ?? src.file;
    return { composer, composed: await composer.compose(src.file, [{ file: real, name: (0,external_node_path_.basename)(src.file) }]) };
}
/** A composed bundle as the declare stage hands it on. */
function bundleDeclarations(src, composer, composed) {
    return {
        format: 'bundle',
        root: src.file,
        modules: composed.modules,
        agents: composed.agents,
        unresolvedIncludes: composer.unresolved,
        bundleRoots: composer.bundleRoots(),
    };
}
async function loadBundle(ctx, src, warnings) {
    const { composer, composed } = await composeRootBundle(ctx, src, warnings);
    return bundleDeclarations(src, composer, composed);
}

;// CONCATENATED MODULE: ./lib/stages/declare/profile-agents.js




async function agentDirs(ctx) {
    return [
        { namespace: null, dir: (0,external_node_path_.join)(ctx.workspace, '.amplifier', 'agents') },
        { namespace: null, dir: (0,external_node_path_.join)(ctx.home, 'agents') },
        ...(await listCollections(ctx)).map((c) => ({ namespace: c.name, dir: (0,external_node_path_.join)(c.dir, 'agents') })),
    ];
}
async function allAgentFiles(ctx) {
    const found = [];
    for (const { namespace, dir } of await agentDirs(ctx)) {
        const entries = ((await ctx.fs.readdir(dir)) ?? []).filter((entry) => entry.endsWith('.md')).sort();
        for (const entry of entries) {
            const file = (0,external_node_path_.join)(dir, entry);
            const base = agentNameOf(file);
            const name = namespace ? `${namespace}:${base}` : base;
            if (!found.some((agent) => agent.name === name) && (await ctx.fs.stat(file))?.isFile)
                found.push({ name, file });
        }
    }
    return found;
}
async function findAgent(ctx, ref) {
    const colon = ref.indexOf(':');
    const searched = colon > 0
        ? collectionDirs(ctx, ref.slice(0, colon)).map((dir) => (0,external_node_path_.join)(dir, 'agents', `${ref.slice(colon + 1)}.md`))
        : (await agentDirs(ctx)).map(({ dir }) => (0,external_node_path_.join)(dir, `${ref}.md`));
    return { file: await firstExistingFile(ctx, searched), searched };
}
/** Loads the agents a profile selects (`all`, `none` or a list of names) from the agent search path. */
async function loadProfileAgents(ctx, setting, declaredAt, warnings) {
    if (setting === null || setting === 'none')
        return [];
    const selected = [];
    if (setting === 'all') {
        selected.push(...(await allAgentFiles(ctx)));
    }
    else {
        for (const ref of setting) {
            const { file, searched } = await findAgent(ctx, ref);
            if (file) {
                selected.push({ name: ref, file });
                continue;
            }
            const message = `agent '${ref}' not found; searched: ${searched.join(', ')}`;
            const fix = 'install the collection that provides it, or remove it from `agents:`';
            if (ctx.strict)
                throw new errors/* InputError */.dz('agent-not-found', message, { ...declaredAt, fix });
            warnings.push({ code: 'agent-not-found', message, ...declaredAt, fix });
        }
    }
    const agents = [];
    for (const { name, file } of selected)
        agents.push({ name, modules: await readAgentFile(ctx, file) });
    return agents;
}

;// CONCATENATED MODULE: ./lib/stages/declare/load-profile.js








function readAgentsSetting(src, root) {
    if (!('agents' in root))
        return undefined;
    const value = root.agents;
    if (value === null || value === 'all' || value === 'none')
        return value;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
        return value;
    const shape = isMapping(value) ? 'a mapping' : JSON.stringify(value);
    throw new errors/* InputError */.dz('invalid-value', `\`agents\` must be 'all', 'none' or a list of agent names, not ${shape}`, {
        file: src.file,
        line: src.lineOf(['agents']),
        fix: "write `agents: all`, `agents: none` or `agents: [name, ...]`; inline agent definitions belong in a bundle's `agents:`",
    });
}
function readExtends(src, root) {
    const meta = root.profile;
    if (meta === undefined || meta === null)
        return null;
    if (!isMapping(meta)) {
        throw new errors/* InputError */.dz('invalid-type', '`profile` must be a mapping {name, version, description, extends?}', {
            file: src.file,
            line: src.lineOf(['profile']),
            fix: 'write `profile:` as a mapping of name, version, description and optional extends',
        });
    }
    const ref = meta.extends;
    if (ref === undefined || ref === null)
        return null;
    if (typeof ref !== 'string' || ref.trim() === '') {
        throw new errors/* InputError */.dz('invalid-value', '`profile.extends` must be a profile reference string', {
            file: src.file,
            line: src.lineOf(['profile', 'extends']),
            fix: 'write e.g. `extends: foundation:profiles/base.md`, `extends: base` or `extends: ./base.md`',
        });
    }
    return { ref: ref.trim(), line: src.lineOf(['profile', 'extends']) };
}
/**
 * `exclude:` as amplifier-profiles' chain loader applies it: removes inherited entries before the child merges.
 * The CLI's own loader ignores it, so each use is also a warning.
 */
function applyExclude(src, root, parent, warnings) {
    if (!('exclude' in root) || root.exclude === null)
        return parent;
    const line = src.lineOf(['exclude']);
    const exclude = root.exclude;
    if (!isMapping(exclude)) {
        throw new errors/* InputError */.dz('invalid-type', '`exclude` must be a mapping like {tools: all} or {hooks: [id, ...]}', {
            file: src.file,
            line,
            fix: 'write `exclude:` with providers/tools/hooks keys, each `all` or a list of module ids',
        });
    }
    const result = {
        providers: parent.providers,
        tools: parent.tools,
        hooks: parent.hooks,
    };
    for (const [key, value] of Object.entries(exclude)) {
        if (!LIST_KEYS.includes(key)) {
            throw new errors/* InputError */.dz('invalid-value', `exclude.${key}: only providers, tools and hooks can be excluded`, {
                file: src.file,
                line: src.lineOf(['exclude', key]),
                fix: 'remove this key from `exclude:`',
            });
        }
        const listKey = key;
        if (value === 'all')
            result[listKey] = [];
        else if (Array.isArray(value) && value.every((id) => typeof id === 'string')) {
            result[listKey] = result[listKey].filter((entry) => !value.includes(entry.key));
        }
        else {
            throw new errors/* InputError */.dz('invalid-value', `exclude.${key} must be 'all' or a list of module ids`, {
                file: src.file,
                line: src.lineOf(['exclude', key]),
                fix: `write \`${key}: all\` or \`${key}: [id, ...]\``,
            });
        }
    }
    warnings.push({
        code: 'exclude-ignored-upstream',
        message: '`exclude:` is applied here (the documented intent), but the Amplifier CLI ignores it and still loads the excluded modules',
        file: src.file,
        line,
        fix: 'instead of excluding, restructure the chain so the parent does not declare these modules',
    });
    return { ...parent, ...result };
}
/** An explicit `null` in a child removes what it would have inherited (`_deep_merge_dicts`). */
function applyExplicitNulls(root, parent) {
    let result = parent;
    for (const key of LIST_KEYS) {
        if (key in root && root[key] === null)
            result = { ...result, [key]: [] };
    }
    const session = root.session;
    if ('session' in root && session === null)
        return { ...result, orchestrator: null, context: null };
    for (const slot of SLOT_KEYS) {
        if (isMapping(session) && slot in session && session[slot] === null)
            result = { ...result, [slot]: null };
    }
    return result;
}
async function loadLayer(ctx, src, chain, warnings) {
    const root = src.value ?? {};
    if (!isMapping(root)) {
        throw new errors/* InputError */.dz('invalid-type', 'a profile must be a YAML mapping', {
            file: src.file,
            line: src.lineOf([]),
            fix: 'start the front matter with `profile:` and the module keys',
        });
    }
    warnUnknownKeys(src, root, PROFILE_KEYS, 'profile', warnings);
    const parentRef = readExtends(src, root);
    const agentsValue = readAgentsSetting(src, root);
    const own = readModuleSet(src, [], root, { slotModuleOptional: parentRef !== null });
    const ownAgents = agentsValue === undefined ? undefined : { value: agentsValue, file: src.file, line: src.lineOf(['agents']) };
    if (parentRef === null) {
        return { modules: mergeModuleSets('profile', EMPTY_MODULE_SET, own, warnings), agents: ownAgents };
    }
    const parentFile = await resolveProfileReference(parentRef.ref, { file: src.file, line: parentRef.line }, ctx);
    const parentReal = (await ctx.fs.realpath(parentFile)) ?? parentFile;
    const link = { name: parentRef.ref, file: parentReal };
    const loop = chain.findIndex((entry) => entry.file === parentReal);
    if (loop >= 0) {
        const names = [...chain.slice(loop).map((entry) => entry.name), parentRef.ref];
        throw new errors/* InputError */.dz('extends-cycle', `Circular dependency detected: ${names.join(' -> ')}`, {
            file: src.file,
            line: parentRef.line,
            fix: 'remove the `extends:` that closes the loop',
        });
    }
    const parentSrc = await readDeclarationFile(ctx.fs, parentFile);
    const parent = await loadLayer(ctx, parentSrc, [...chain, link], warnings);
    const base = applyExplicitNulls(root, applyExclude(src, root, parent.modules, warnings));
    return {
        modules: mergeModuleSets('profile', base, own, warnings),
        agents: ownAgents ?? parent.agents,
    };
}
function requireSlotModules(modules) {
    for (const slot of SLOT_KEYS) {
        const entry = modules[slot];
        if (entry && entry.key === '') {
            throw new errors/* InputError */.dz('invalid-value', `session.${slot} has no 'module' key anywhere in the extends chain`, {
                file: entry.at.file,
                line: entry.at.line,
                fix: `add \`module: <id>\` to session.${slot}`,
            });
        }
    }
}
/** Loads a profile and its `extends` chain, merged the way the Amplifier CLI's `ProfileLoader.load_profile` does. */
async function loadProfile(ctx, src, warnings) {
    const real = (await ctx.fs.realpath(src.file)) ?? src.file;
    const rootName = (0,external_node_path_.basename)(src.file, (0,external_node_path_.extname)(src.file));
    const layer = await loadLayer(ctx, src, [{ name: rootName, file: real }], warnings);
    requireSlotModules(layer.modules);
    const agents = layer.agents
        ? await loadProfileAgents(ctx, layer.agents.value, { file: layer.agents.file, line: layer.agents.line }, warnings)
        : [];
    return { format: 'profile', root: src.file, modules: layer.modules, agents, unresolvedIncludes: [] };
}

;// CONCATENATED MODULE: ./lib/stages/declare/to-declarations.js

function toDeclaration(entry, kind, agent) {
    const source = entry.data.source;
    const config = entry.data.config;
    return {
        id: entry.key,
        kind,
        agent,
        declaredAt: entry.at,
        source: typeof source === 'string' || (typeof source === 'object' && source !== null)
            ? source
            : null,
        sourceBaseDir: entry.sourceDir,
        config: config === undefined ? null : config,
    };
}
/** The identity a module keeps through composition (its agent or the session, kind and id): origins' key. */
function originKey(agent, kind, id) {
    return `${agent ?? ''}\u0000${kind}\u0000${id}`;
}
function withOrigin(declaration, origins) {
    const origin = origins?.get(originKey(declaration.agent, declaration.kind, declaration.id));
    return origin ? { ...declaration, origin } : declaration;
}
/** Mount-plan order within one session or agent: orchestrator, context, providers, tools, hooks. */
function declarationsOf(modules, agent) {
    const result = [];
    for (const slot of SLOT_KEYS) {
        const entry = modules[slot];
        if (entry)
            result.push(toDeclaration(entry, slot, agent));
    }
    for (const key of LIST_KEYS) {
        for (const entry of modules[key])
            result.push(toDeclaration(entry, LIST_KIND[key], agent));
    }
    return result;
}
/** The session's own modules first, then each agent's, in mount-plan agent order. */
function toDeclarationSet(composed) {
    return {
        format: composed.format,
        root: composed.root,
        declarations: [
            ...declarationsOf(composed.modules, null),
            ...composed.agents.flatMap((agent) => declarationsOf(agent.modules, agent.name)),
        ].map((declaration) => withOrigin(declaration, composed.origins)),
        unresolvedIncludes: composed.unresolvedIncludes,
        bundleRoots: composed.bundleRoots ?? [],
    };
}

;// CONCATENATED MODULE: ./lib/stages/declare/session-compose.js
/**
 * `--session`: the bundle as the Amplifier CLI composes it when it builds a session. Each part of
 * session-parts.ts is loaded like a bundle and composed on top, in order (Bundle.compose: later wins); a part
 * that cannot be had is skipped with a warning, as the CLI does. Then, when the composed session declares no
 * provider, the providers configured in settings become its providers (the CLI's `_apply_provider_overrides`).
 * Every module remembers the part that first brought it in.
 */




function tagSet(origins, modules, agent, origin) {
    const tag = (entry, kind) => {
        if (!entry)
            return;
        const key = originKey(agent, kind, entry.key);
        if (!origins.has(key))
            origins.set(key, origin);
    };
    for (const slot of SLOT_KEYS)
        tag(modules[slot], slot);
    for (const list of LIST_KEYS)
        for (const entry of modules[list])
            tag(entry, LIST_KIND[list]);
}
function tagAll(origins, bundle, origin) {
    tagSet(origins, bundle.modules, null, origin);
    for (const agent of bundle.agents)
        tagSet(origins, agent.modules, agent.name, origin);
}
function providerEntry(provider) {
    return {
        key: provider.key,
        data: {
            module: provider.module,
            ...(provider.key !== provider.module ? { id: provider.key } : {}),
            ...(provider.source !== null ? { source: provider.source } : {}),
        },
        at: { file: provider.file, line: provider.line },
        sourceDir: (0,external_node_path_.dirname)(provider.file),
    };
}
async function loadSessionBundle(ctx, src, warnings, session) {
    const root = await composeRootBundle(ctx, src, warnings);
    const composer = root.composer;
    let composed = root.composed;
    const origins = new Map();
    tagAll(origins, composed, { kind: 'bundle', name: (0,external_node_path_.basename)(src.file), uri: src.file });
    for (const part of session.parts) {
        const at = { file: part.origin.file ?? src.file, line: part.origin.line ?? 1 };
        const label = part.uri ?? `amplifier-app-cli: ${part.origin.name}`;
        const child = part.uri === null
            ? composer.unavailable(label, at, part.missing ?? 'not available')
            : await composer.composePart(part.uri, at, part.origin.kind === 'cli-package');
        if (!child)
            continue;
        tagAll(origins, child, part.origin);
        composed = composer.mergeBundles(composed, child);
    }
    if (composed.modules.providers.length === 0 && session.providers.length > 0) {
        const providers = session.providers.map(providerEntry);
        for (const provider of session.providers) {
            origins.set(originKey(null, 'provider', provider.key), {
                kind: 'settings-provider',
                name: provider.keyPath,
                uri: null,
                file: provider.file,
                line: provider.line,
            });
        }
        composed = { ...composed, modules: { ...composed.modules, providers } };
    }
    return { ...bundleDeclarations(src, composer, composed), origins };
}

;// CONCATENATED MODULE: ./lib/stages/declare/load-declarations.js










/** Profile or bundle, told by the top-level keys (`bundle:`/`includes:` or `profile:`), else by the file name. */
function detectFormat(src) {
    const root = src.value;
    if (isMapping(root)) {
        if ('bundle' in root || 'includes' in root)
            return 'bundle';
        if ('profile' in root)
            return 'profile';
    }
    if (/^bundle\.(md|ya?ml)$/.test((0,external_node_path_.basename)(src.file)))
        return 'bundle';
    throw new errors/* InputError */.dz('invalid-value', 'neither a profile (`profile:` key) nor a bundle (`bundle:` key)', {
        file: src.file,
        line: src.lineOf([]),
        fix: 'start a profile with `profile: {name, ...}` or a bundle with `bundle: {name, version}`',
    });
}
/**
 * Reads a profile (with its `extends` chain) or a bundle (with its includes) and returns every module it declares,
 * in effective order, with the effective source as written and the file:line that wrote it.
 * Throws InputError for bad input; warnings cover upstream quirks, unknown keys and skipped includes.
 */
async function loadDeclarations(file, ctx) {
    const warnings = [];
    const src = await readDeclarationFile(ctx.fs, file);
    const composed = detectFormat(src) === 'profile' ? await loadProfile(ctx, src, warnings) : await loadBundle(ctx, src, warnings);
    return { value: toDeclarationSet(composed), warnings };
}
/**
 * `--session`: the bundle with what the Amplifier CLI composes onto every session; a profile is refused, or, when the
 * session was not asked for but is the default (doctor without -p), read as it is (the CLI loads no profiles).
 */
async function loadSessionDeclarations(file, ctx, session, profile = 'refuse') {
    const warnings = [];
    const src = await readDeclarationFile(ctx.fs, file);
    if (detectFormat(src) === 'profile' && profile === 'as-is') {
        return { value: toDeclarationSet(await loadProfile(ctx, src, warnings)), warnings };
    }
    const w = ctx.wording ?? CLI_WORDING;
    if (detectFormat(src) === 'profile')
        throw new errors/* InputError */.dz('invalid-value', `${w.turn('session', true)} composes a bundle the way the Amplifier CLI does; this is a profile`, {
            file: src.file,
            line: src.lineOf([]),
            fix: `run ${w.runWith('session', false)} for a profile (the current Amplifier CLI loads bundles only)`,
        });
    const composed = await loadSessionBundle(ctx, src, warnings, session);
    return { value: toDeclarationSet(composed), warnings };
}

;// CONCATENATED MODULE: ./lib/stages/declare/session-parts.js
/**
 * What the Amplifier CLI composes onto the bundle when it builds a session (amplifier-app-cli
 * `runtime/config.py`, `resolve_bundle_config`), in its order: the modes behavior, the CLI's own expertise
 * behavior (shipped inside the installed amplifier-app-cli package, never fetched), the skills and wayfinder
 * behaviors, the notify bundle and the notification behaviors its settings enable, then the `bundle.app` bundles.
 * Providers configured in settings (`config.providers`) are added afterwards, when the bundle declares none.
 */


const GITHUB = 'git+https://github.com/microsoft';
const MODES_BEHAVIOR = `${GITHUB}/amplifier-bundle-modes@main#subdirectory=behaviors/modes.yaml`;
const SKILLS_BEHAVIOR = `${GITHUB}/amplifier-bundle-skills@main#subdirectory=behaviors/skills.yaml`;
const WAYFINDER_BEHAVIOR = `${GITHUB}/amplifier-bundle-wayfinder@main#subdirectory=behaviors/wayfinder.yaml`;
const NOTIFY_BUNDLE = `${GITHUB}/amplifier-bundle-notify@main`;
const DESKTOP_NOTIFICATIONS = `${NOTIFY_BUNDLE}#subdirectory=behaviors/desktop-notifications.yaml`;
const PUSH_NOTIFICATIONS = `${NOTIFY_BUNDLE}#subdirectory=behaviors/push-notifications.yaml`;
/** Where the CLI keeps its expertise behavior, relative to its bundle root. */
const CLI_EXPERTISE = 'behaviors/cli-expertise.yaml';
function behavior(uri, name) {
    return { uri, origin: { kind: 'cli-behavior', name, uri } };
}
function cliExpertise(cli, w) {
    const name = 'cli-expert';
    if ('root' in cli) {
        const uri = `file://${cli.root}#subdirectory=${CLI_EXPERTISE}`;
        return { uri, origin: { kind: 'cli-package', name, uri } };
    }
    const looked = cli.searched.length > 0
        ? `looked for ${cli.searched.join(' and ')}`
        : `no Python environment to look in; ${w.give('python', 'PATH')}`;
    return {
        uri: null,
        origin: { kind: 'cli-package', name, uri: null },
        missing: `${CLI_EXPERTISE} exists only inside the installed amplifier-app-cli package, which is not there (${looked})`,
    };
}
function sessionParts(input) {
    const parts = [
        behavior(MODES_BEHAVIOR, 'modes'),
        cliExpertise(input.cli, input.wording ?? CLI_WORDING),
        behavior(SKILLS_BEHAVIOR, 'skills'),
        behavior(WAYFINDER_BEHAVIOR, 'wayfinder'),
    ];
    const { desktop, push } = input.notifications;
    if (desktop || push)
        parts.push(behavior(NOTIFY_BUNDLE, 'notify'));
    if (desktop)
        parts.push(behavior(DESKTOP_NOTIFICATIONS, 'desktop-notifications'));
    if (push)
        parts.push(behavior(PUSH_NOTIFICATIONS, 'push-notifications'));
    input.appBundles.forEach((app, index) => {
        parts.push({
            uri: app.value,
            origin: { kind: 'app-bundle', name: `bundle.app[${index}]`, uri: app.value, file: app.file, line: app.line },
        });
    });
    return parts;
}
/**
 * The CLI's bundle root as `_find_app_cli_bundle_root` finds it: `<package>/_bundle` (a wheel), else the directory
 * above the package (a source checkout), whichever holds the expertise behavior; the package is looked for in each
 * site directory of the target environment, then in the project directories of an editable install.
 */
async function findCliBundleRoot(sitePackages, isFile, editableProjects = []) {
    const searched = [];
    for (const site of [...sitePackages, ...editableProjects]) {
        const pkg = (0,external_node_path_.join)(site, 'amplifier_app_cli');
        for (const root of [(0,external_node_path_.join)(pkg, '_bundle'), site]) {
            const candidate = (0,external_node_path_.join)(root, CLI_EXPERTISE);
            searched.push(candidate);
            if (await isFile(candidate))
                return { root };
        }
    }
    return { searched };
}

;// CONCATENATED MODULE: ./lib/source/file-path.js
/**
 * File sources (docs/formats.md, "Source values"): `file:///abs`, `/abs`, `./rel`, `../rel`, and the Windows forms
 * `C:\x`, `C:/x`, `\\server\share`. Relative paths are resolved against the directory of the file that wrote them.
 */



/** Paths may hold spaces, never control characters. */
function hasControlCharacter(text) {
    for (const char of text) {
        const code = char.codePointAt(0) ?? 0;
        if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
            return true;
    }
    return false;
}
const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;
/** True for a Windows absolute path (drive letter or backslash UNC), whatever OS we run on. */
function isWindowsAbsolutePath(value) {
    return WINDOWS_DRIVE.test(value) || value.startsWith('\\\\');
}
/** True when the string form of a source names a local directory. */
function isFileSourceString(value) {
    return (value.startsWith('file://') ||
        value.startsWith('/') ||
        value.startsWith('./') ||
        value.startsWith('../') ||
        isWindowsAbsolutePath(value));
}
/** The part of a `file://` URI that is the path; `file://localhost/x` is `/x`. */
function fileUriPath(value, where) {
    const rest = value.slice('file://'.length).split('#')[0] ?? '';
    let path = rest;
    if (rest.startsWith('localhost/'))
        path = rest.slice('localhost'.length);
    else if (!rest.startsWith('/'))
        throw new errors/* InputError */.dz('invalid-source', `file URI '${value}' is not absolute`, {
            file: where.file,
            line: where.line,
            fix: 'write it as file:///absolute/path, or use ./relative/path',
        });
    try {
        path = decodeURIComponent(path);
    }
    catch {
        throw new errors/* InputError */.dz('invalid-source', `file URI '${value}' has a malformed %-escape`, {
            file: where.file,
            line: where.line,
            fix: 'write the path without %-escapes',
        });
    }
    // file:///C:/x is a Windows drive path.
    return /^\/[A-Za-z]:[\\/]/.test(path) ? path.slice(1) : path;
}
/** `file:///repo#subdirectory=pkg` names `/repo/pkg`, as amplifier-foundation reads it. */
function fileUriSubdirectory(value, where) {
    const hash = value.indexOf('#');
    if (hash < 0)
        return null;
    const part = value
        .slice(hash + 1)
        .split('&')
        .find((item) => item.startsWith('subdirectory='));
    return part === undefined ? null : checkSubdirectory(part.slice('subdirectory='.length), value, where);
}
/**
 * The absolute path a file source names. Windows paths are normalised with Windows rules (they cannot be
 * resolved on another OS, but they must be reported as written, not glued to the current directory).
 */
function resolveFileSourcePath(value, baseDir, where = {}) {
    if (hasControlCharacter(value))
        throw new errors/* InputError */.dz('unsafe-source', `file source contains control characters`, {
            file: where.file,
            line: where.line,
            fix: 'remove them from the path',
        });
    const path = value.startsWith('file://') ? fileUriPath(value, where) : value;
    const subdirectory = value.startsWith('file://') ? fileUriSubdirectory(value, where) : null;
    if (isWindowsAbsolutePath(path))
        return external_node_path_.win32.join(path, subdirectory ?? '');
    if (path.startsWith('/'))
        return (0,external_node_path_.resolve)(path, subdirectory ?? '');
    if (baseDir === null)
        throw new errors/* InputError */.dz('invalid-source', `relative file source '${value}' has no directory to resolve against`, {
            file: where.file,
            line: where.line,
            fix: 'use an absolute path or file:///absolute/path',
        });
    return (0,external_node_path_.resolve)(baseDir, path);
}

;// CONCATENATED MODULE: ./lib/source/parse-source.js
/**
 * Turns a source as written (string or object, docs/formats.md, "Source values") into a typed `Source`.
 * Strings are classified by prefix: `git+` is git, path-like is file, anything else is an installed package.
 */



// PEP 508 distribution names.
const PACKAGE_NAME = /^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
function where(ctx) {
    return { file: ctx.file, line: ctx.line };
}
function gitFromUri(uri, ctx) {
    const parsed = parseGitUri(uri, where(ctx));
    return {
        type: 'git',
        uri,
        url: parsed.url,
        ref: parsed.ref,
        subdirectory: parsed.subdirectory,
        commit: isCommitSha(parsed.ref) ? parsed.ref.toLowerCase() : null,
    };
}
function fileFromPath(uri, ctx) {
    return { type: 'file', uri, path: resolveFileSourcePath(uri, ctx.baseDir, where(ctx)) };
}
function packageFromName(name, ctx) {
    if (name.includes('://'))
        throw new errors/* InputError */.dz('invalid-source', `source '${name}' of module '${ctx.id}' is a URL without 'git+'`, {
            ...where(ctx),
            fix: `write it as git+${name} (a git repository) or file:///path (a local directory)`,
        });
    if (!PACKAGE_NAME.test(name))
        throw new errors/* InputError */.dz('invalid-source', `source '${name}' of module '${ctx.id}' is neither a git URI, a path nor a package name`, {
            ...where(ctx),
            fix: 'use git+https://host/org/repo@ref, ./relative/dir, /absolute/dir or an installed distribution name',
        });
    return { type: 'package', uri: name, name };
}
function parseString(value, ctx) {
    const trimmed = value.trim();
    if (trimmed === '')
        throw new errors/* InputError */.dz('invalid-source', `source of module '${ctx.id}' is empty`, {
            ...where(ctx),
            fix: 'remove the source key or give a git URI, path or package name',
        });
    if (trimmed.startsWith('git+'))
        return gitFromUri(trimmed, ctx);
    if (isFileSourceString(trimmed))
        return fileFromPath(trimmed, ctx);
    return packageFromName(trimmed, ctx);
}
function requireString(object, key, ctx) {
    const value = object[key];
    if (typeof value !== 'string' || value.trim() === '')
        throw new errors/* InputError */.dz('invalid-source', `source object of module '${ctx.id}' needs a string '${key}'`, {
            ...where(ctx),
            fix: `add ${key}: <value> to the source`,
        });
    return value.trim();
}
function optionalString(object, key, ctx) {
    const value = object[key];
    if (value === undefined || value === null)
        return null;
    if (typeof value !== 'string')
        throw new errors/* InputError */.dz('invalid-source', `'${key}' in the source of module '${ctx.id}' must be a string`, {
            ...where(ctx),
            fix: `write ${key}: "<value>"`,
        });
    return value.trim() === '' ? null : value.trim();
}
/** `{type: git, url, ref?, subdirectory?}`: built into a URI and parsed like the string form. */
function parseGitObject(object, ctx) {
    const rawUrl = requireString(object, 'url', ctx);
    const ref = optionalString(object, 'ref', ctx);
    const subdirectory = optionalString(object, 'subdirectory', ctx);
    const url = rawUrl.startsWith('git+') ? rawUrl : `git+${rawUrl}`;
    const urlAlone = parseGitUri(url, where(ctx));
    if (ref !== null && urlAlone.refGiven)
        throw new errors/* InputError */.dz('invalid-source', `source of module '${ctx.id}' gives a ref both in 'url' and in 'ref'`, {
            ...where(ctx),
            fix: `remove '@${urlAlone.ref}' from the url or remove the ref key`,
        });
    if (subdirectory !== null && urlAlone.subdirectory !== null)
        throw new errors/* InputError */.dz('invalid-source', `source of module '${ctx.id}' gives a subdirectory twice`, {
            ...where(ctx),
            fix: 'keep only the subdirectory key',
        });
    const refPart = ref !== null ? `@${ref}` : '';
    const subPart = subdirectory !== null ? `#subdirectory=${subdirectory}` : '';
    return gitFromUri(`${url}${refPart}${subPart}`, ctx);
}
/**
 * Parses a source value. Throws `InputError`: `invalid-source-type` for an object with another `type`,
 * `invalid-source` / `unsafe-source` for malformed or dangerous values.
 */
function parseSource(raw, ctx) {
    if (typeof raw === 'string')
        return parseString(raw, ctx);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        throw new errors/* InputError */.dz('invalid-source', `source of module '${ctx.id}' must be a string or a mapping`, {
            ...where(ctx),
            fix: 'write source: git+https://host/org/repo@ref, or {type: git, url: ...}',
        });
    const type = raw.type;
    switch (type) {
        case 'git':
            return parseGitObject(raw, ctx);
        case 'file':
            return fileFromPath(requireString(raw, 'path', ctx), ctx);
        case 'package':
            return packageFromName(requireString(raw, 'name', ctx), ctx);
        default:
            throw new errors/* InputError */.dz('invalid-source-type', `Invalid source type '${typeof type === 'string' ? type : String(type)}' for module '${ctx.id}'`, { ...where(ctx), fix: 'use type: git (url, ref), type: file (path) or type: package (name)' });
    }
}

;// CONCATENATED MODULE: ./lib/stages/resolve/declared-source.js

/** null when the declaration gives no source; throws InputError (at the declaring line) for a malformed one. */
function declaredSource(declaration) {
    if (declaration.source === null)
        return null;
    return parseSource(declaration.source, {
        id: declaration.id,
        baseDir: declaration.sourceBaseDir,
        file: declaration.declaredAt.file,
        line: declaration.declaredAt.line,
    });
}
/** Every declared source parsed once up front, so bad input stops the run before anything is started. */
function checkDeclaredSources(declarations) {
    for (const declaration of declarations)
        declaredSource(declaration);
}

;// CONCATENATED MODULE: ./lib/stages/resolve/layers/collection-layer.js
/**
 * Layer 4 (legacy): `<collection>/modules/<id>` in an installed profile collection. Collections are searched in
 * `<workspace>/.amplifier/collections/*` first, then `<home>/collections/*`, each in name order.
 */

function collectionRoots(workspace, home) {
    return [(0,external_node_path_.join)(workspace, '.amplifier', 'collections'), (0,external_node_path_.join)(home, 'collections')];
}
async function collectionsIn(fs, root) {
    const names = (await fs.readdir(root)) ?? [];
    const dirs = [];
    for (const name of [...names].sort()) {
        const stat = await fs.stat((0,external_node_path_.join)(root, name));
        if (stat?.isDirectory)
            dirs.push((0,external_node_path_.join)(root, name));
    }
    return dirs;
}
/**
 * The installed collections, listed once per resolution context: every declaration searches the same ones, and
 * listing them per module cost two directory reads per module (at N=50, 100 reads of directories most runs lack).
 */
const listedPerContext = new WeakMap();
async function collection_layer_listCollections(ctx) {
    const dirs = [];
    for (const root of collectionRoots(ctx.workspace, ctx.home))
        dirs.push(...(await collectionsIn(ctx.fs, root)));
    return dirs;
}
function installedCollections(ctx) {
    const listed = listedPerContext.get(ctx) ?? collection_layer_listCollections(ctx);
    listedPerContext.set(ctx, listed);
    return listed;
}
const collectionLayer = {
    name: 'collection',
    async attempt(declaration, ctx) {
        const collections = await installedCollections(ctx);
        for (const collection of collections) {
            const dir = (0,external_node_path_.join)(collection, 'modules', declaration.id);
            const stat = await ctx.fs.stat(dir);
            if (stat?.isDirectory) {
                const path = (await ctx.fs.realpath(dir)) ?? dir;
                return {
                    outcome: 'matched',
                    source: { type: 'file', uri: dir, path },
                    detail: `${dir} (collection ${collection})`,
                };
            }
        }
        if (collections.length === 0)
            return {
                outcome: 'not-set',
                detail: `no collections installed (looked in ${collectionRoots(ctx.workspace, ctx.home).join(', ')})`,
            };
        return { outcome: 'not-set', detail: `no modules/${declaration.id} in ${collections.join(', ')}` };
    },
};

;// CONCATENATED MODULE: ./lib/stages/resolve/describe.js

function showRawSource(raw) {
    if (typeof raw === 'string')
        return maskUserinfo(raw);
    const parts = Object.entries(raw).map(([key, value]) => {
        const text = typeof value === 'string' ? maskUserinfo(value) : JSON.stringify(value);
        return `${key}: ${text}`;
    });
    return `{${parts.join(', ')}}`;
}
function showSource(source) {
    switch (source.type) {
        case 'git':
            return `git ${maskUserinfo(source.url)}@${source.ref}${source.subdirectory ? `#subdirectory=${source.subdirectory}` : ''}`;
        case 'file':
            return `file ${source.path}`;
        case 'package':
            return `package ${source.name}`;
    }
}

;// CONCATENATED MODULE: ./lib/stages/resolve/local-directory.js
/**
 * Checks shared by the layers that point at a local directory (env, settings, profile file sources, workspace):
 * does it exist, is it a directory, does it hold any Python at all.
 */

async function directoryProblem(fs, path) {
    const stat = await fs.stat(path);
    if (!stat)
        return 'missing';
    return stat.isDirectory ? null : 'not-a-directory';
}
/** For a file source: why it cannot be used, or null when it can. Git and package sources are not checked here. */
async function localSourceProblem(fs, source) {
    if (source.type !== 'file')
        return null;
    const problem = await directoryProblem(fs, source.path);
    return problem ? `${source.path} ${describeDirectoryProblem(problem)}` : null;
}
function describeDirectoryProblem(problem) {
    return problem === 'missing' ? 'does not exist' : 'is a file, not a directory';
}
// Directories that never hold a module's own code and can be huge.
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache']);
// A bound on the walk: a module directory is small; a checkout of something else should not stall resolution.
const local_directory_MAX_ENTRIES = 20_000;
/** True when `**\/*.py` matches anything under `dir`. Symlinked directories are not followed (no loops). */
async function containsPython(fs, dir) {
    const pending = [dir];
    let seen = 0;
    while (pending.length > 0) {
        const current = pending.pop();
        if (current === undefined)
            break;
        const names = await fs.readdir(current);
        if (!names)
            continue;
        for (const name of names) {
            seen += 1;
            if (seen > local_directory_MAX_ENTRIES)
                return false;
            const path = (0,external_node_path_.join)(current, name);
            const stat = await fs.lstat(path);
            if (!stat)
                continue;
            if ((stat.isFile || stat.isSymbolicLink) && name.endsWith('.py'))
                return true;
            if (stat.isDirectory && !SKIPPED_DIRECTORIES.has(name))
                pending.push(path);
        }
    }
    return false;
}

;// CONCATENATED MODULE: ./lib/stages/resolve/layers/env-layer.js
/**
 * Layer 1: `AMPLIFIER_MODULE_<ID>` (id upper-cased, `-` -> `_`). An empty value counts as unset. The value is a
 * source string; relative paths are taken from the workspace. A value that cannot be used is rejected, with the
 * reason, and resolution goes on to the next layer.
 */




function envVariableName(id) {
    return `AMPLIFIER_MODULE_${id.toUpperCase().replace(/-/g, '_')}`;
}
const envLayer = {
    name: 'env',
    async attempt(declaration, ctx) {
        const name = envVariableName(declaration.id);
        const value = ctx.env[name];
        if (value === undefined)
            return { outcome: 'not-set', detail: `${name} is not set` };
        if (value.trim() === '')
            return { outcome: 'not-set', detail: `${name} is set but empty (treated as unset)` };
        const shown = showRawSource(value);
        let source;
        try {
            source = parseSource(value, { id: declaration.id, baseDir: ctx.workspace });
        }
        catch (error) {
            if (!(0,errors/* isInputError */.BT)(error))
                throw error;
            const detail = `${name}=${shown} rejected: ${error.message}`;
            const warning = { code: 'env-source-rejected', message: detail, fix: error.fix };
            return {
                outcome: 'rejected',
                detail,
                reason: { kind: 'not-usable', problem: error.message },
                warnings: [warning],
            };
        }
        const problem = await localSourceProblem(ctx.fs, source);
        if (problem) {
            const detail = `${name}=${shown} rejected: ${problem}`;
            const fix = `point ${name} at a module directory or unset it`;
            const warning = { code: 'env-source-rejected', message: detail, fix };
            return { outcome: 'rejected', detail, reason: { kind: 'not-usable', problem }, warnings: [warning] };
        }
        return { outcome: 'matched', source, detail: `${name}=${shown} -> ${showSource(source)}` };
    },
};

;// CONCATENATED MODULE: ./lib/stages/resolve/layers/package-layer.js
/**
 * Layer 6: an installed distribution named `<id>`, then `amplifier-module-<id>`, in the target environment.
 * Without a target environment (no --python) this layer cannot know, and says so.
 */


function packageCandidates(id) {
    return [id, `amplifier-module-${id}`];
}
const packageLayer = {
    name: 'package',
    async attempt(declaration, ctx) {
        const [plain, prefixed] = packageCandidates(declaration.id);
        const tried = `'${plain}' and '${prefixed}'`;
        const installed = await ctx.installedPackages();
        if (installed === null)
            return {
                outcome: 'skipped',
                detail: `no target environment to look in (${(ctx.wording ?? CLI_WORDING).give('python', 'PATH')}); would try ${tried}`,
                reason: { kind: 'no-environment' },
            };
        for (const name of [plain, prefixed]) {
            if (installed.names.has(normalizeDistName(name)))
                return {
                    outcome: 'matched',
                    source: { type: 'package', uri: name, name },
                    detail: `'${name}' is installed in ${installed.environment}`,
                };
        }
        return { outcome: 'not-set', detail: `tried ${tried} in ${installed.environment}: neither is installed` };
    },
};

;// CONCATENATED MODULE: ./lib/stages/resolve/layers/profile-layer.js
/**
 * Layer 5: the declaration's own `source` (the "profile hint"), resolved against the file that wrote it.
 * A malformed source is bad input at the declaring line; a file source whose directory is missing is rejected.
 */



const profileLayer = {
    name: 'profile',
    async attempt(declaration, ctx) {
        const at = `${declaration.declaredAt.file}:${declaration.declaredAt.line}`;
        const source = declaredSource(declaration);
        if (source === null)
            return { outcome: 'not-set', detail: `no source given at ${at}` };
        const written = `${at} source = ${showRawSource(declaration.source ?? '')}`;
        const problem = await localSourceProblem(ctx.fs, source);
        if (problem)
            return {
                outcome: 'rejected',
                detail: `${written} rejected: ${problem}`,
                reason: { kind: 'not-usable', problem },
            };
        return { outcome: 'matched', source, detail: `${written} -> ${showSource(source)}` };
    },
};

;// CONCATENATED MODULE: ./lib/stages/resolve/layers/settings-layer.js
/**
 * Layer 3: a source override in the settings files (user < project < local; five shapes, see settings.ts).
 * A malformed override is bad input (InputError at its file and line). A file override whose directory does not
 * exist is rejected with the reason, so a developer's local override does not break a run where it cannot apply.
 */



function describeFilesRead(settings) {
    const found = settings.files.filter((file) => file.found).map((file) => file.path);
    return found.length > 0 ? `no entry in ${found.join(', ')}` : 'no settings files';
}
const settingsLayer = {
    name: 'settings',
    async attempt(declaration, ctx) {
        const candidates = ctx.settings.moduleSources.get(declaration.id) ?? [];
        const winner = candidates[0];
        if (!winner)
            return { outcome: 'not-set', detail: describeFilesRead(ctx.settings) };
        const written = `${winner.file}:${winner.line} ${winner.keyPath} = ${showRawSource(winner.source)}`;
        const source = parseSource(winner.source, {
            id: declaration.id,
            baseDir: winner.baseDir,
            file: winner.file,
            line: winner.line,
        });
        const shadowed = candidates.slice(1).map((other) => `${other.file}:${other.line} ${other.keyPath}`);
        const shadowText = shadowed.length > 0 ? `; overrides ${shadowed.join(', ')}` : '';
        const problem = await localSourceProblem(ctx.fs, source);
        if (problem) {
            const detail = `${written} rejected: ${problem}`;
            const warning = {
                code: 'settings-source-rejected',
                message: detail,
                file: winner.file,
                line: winner.line,
                fix: `point ${winner.keyPath} at a module directory or remove it`,
            };
            const reason = { kind: 'not-usable', problem, file: winner.file, line: winner.line };
            return { outcome: 'rejected', detail, reason, warnings: [warning] };
        }
        return { outcome: 'matched', source, detail: `${written} -> ${showSource(source)}${shadowText}` };
    },
};

;// CONCATENATED MODULE: ./lib/stages/resolve/layers/workspace-layer.js
/**
 * Layer 2: `<workspace>/.amplifier/modules/<id>/`, a checkout a developer keeps next to the project. Skipped when
 * it is missing, when it is an uninitialised submodule (`.git` is a file and there is no Python), or when it
 * holds no Python at all (with a warning: it is probably not what the user meant). A symlink that leads out of
 * the workspace is rejected: a project must not redirect a module to an arbitrary place on the machine.
 */



function workspaceModuleDir(workspace, id) {
    return (0,external_node_path_.join)(workspace, '.amplifier', 'modules', id);
}
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const workspaceLayer = {
    name: 'workspace',
    async attempt(declaration, ctx) {
        const shown = (0,external_node_path_.join)('.amplifier', 'modules', declaration.id);
        if (!PLAIN_ID.test(declaration.id) || declaration.id.includes('..'))
            return { outcome: 'rejected', detail: `module id '${declaration.id}' is not a plain directory name` };
        const dir = workspaceModuleDir(ctx.workspace, declaration.id);
        const link = await ctx.fs.lstat(dir);
        if (!link)
            return { outcome: 'not-set', detail: `${shown} does not exist` };
        const real = await ctx.fs.realpath(dir);
        if (!real)
            return { outcome: 'rejected', detail: `${shown} is a symlink to a path that does not exist` };
        const workspaceReal = (await ctx.fs.realpath(ctx.workspace)) ?? ctx.workspace;
        if (!isWithin(real, workspaceReal))
            return {
                outcome: 'rejected',
                detail: `${shown} is a symlink to ${real}, outside the workspace ${workspaceReal}`,
            };
        const stat = await ctx.fs.stat(real);
        if (!stat?.isDirectory)
            return { outcome: 'rejected', detail: `${shown} is a file, not a directory` };
        const hasPython = await containsPython(ctx.fs, real);
        if (!hasPython) {
            const gitFile = await ctx.fs.lstat((0,external_node_path_.join)(real, '.git'));
            if (gitFile?.isFile)
                return {
                    outcome: 'skipped',
                    detail: `${shown} is an uninitialised git submodule (.git is a file and there are no .py files)`,
                    reason: { kind: 'uninitialised-submodule' },
                };
            const detail = `${shown} exists but contains no .py files`;
            const warning = {
                code: 'workspace-module-empty',
                message: `${detail}; the workspace layer ignores it`,
                file: dir,
                fix: `put the module's code in ${shown} or remove the directory`,
            };
            return { outcome: 'skipped', detail, reason: { kind: 'no-python-files' }, warnings: [warning] };
        }
        const where = real === dir ? shown : `${shown} (-> ${real})`;
        return {
            outcome: 'matched',
            source: { type: 'file', uri: dir, path: real },
            detail: `${where} has the module's code`,
        };
    },
};

;// CONCATENATED MODULE: ./lib/stages/resolve/layers/all-layers.js






const LAYERS = {
    env: envLayer,
    workspace: workspaceLayer,
    settings: settingsLayer,
    collection: collectionLayer,
    profile: profileLayer,
    package: packageLayer,
};

;// CONCATENATED MODULE: ./lib/stages/resolve/resolver.js



/** Where a resolved module's code is expected: the layout-A clone for git, the directory for file, none for a package. */
function expectedPath(source, home) {
    switch (source.type) {
        case 'git':
            return layoutAPath(home, { url: source.url, ref: source.ref, subdirectory: source.subdirectory });
        case 'file':
            return source.path;
        case 'package':
            return null;
    }
}
/** One module through the layers: its resolution, and the warnings of every layer tried on the way. */
async function resolveWithWarnings(declaration, ctx) {
    const trail = [];
    const warnings = [];
    for (const name of LAYER_ORDER) {
        const attempt = await LAYERS[name].attempt(declaration, ctx);
        const reason = attempt.outcome === 'matched' ? undefined : attempt.reason;
        trail.push({ layer: name, outcome: attempt.outcome, detail: attempt.detail, ...(reason ? { reason } : {}) });
        warnings.push(...(attempt.warnings ?? []));
        if (attempt.outcome === 'matched') {
            const path = expectedPath(attempt.source, ctx.home);
            return { value: { layer: name, source: attempt.source, path, trail }, warnings };
        }
    }
    return { value: { layer: null, source: null, path: null, trail }, warnings };
}
async function resolveModule(declaration, ctx) {
    return (await resolveWithWarnings(declaration, ctx)).value;
}
/**
 * Resolves every declaration (a module declared three times is resolved three times: each has its own source). A
 * warning several declarations share (one rejected variable, three declarations of the module) is listed once.
 */
async function resolveDeclarations(declarations, ctx) {
    const results = await Promise.all(declarations.map((declaration) => resolveWithWarnings(declaration, ctx)));
    const warnings = new Map();
    for (const result of results) {
        for (const warning of result.warnings)
            warnings.set(`${warning.code}\n${warning.message}`, warning);
    }
    const value = declarations.map((declaration, index) => ({
        declaration,
        resolution: results[index]?.value ?? { layer: null, source: null, path: null, trail: [] },
    }));
    return { value, warnings: [...warnings.values()] };
}
async function resolveAll(declarations, ctx) {
    return (await resolveDeclarations(declarations, ctx)).value;
}

;// CONCATENATED MODULE: ./lib/commands/shared-stages/cli-package.js
/**
 * Where the installed amplifier-app-cli keeps its own bundle (the cli-expertise behavior the CLI composes onto every
 * session). A wheel holds it in `<site>/amplifier_app_cli/_bundle`; an editable install (a developer's checkout) in
 * the project directory its `direct_url.json` records, where `behaviors/` sits beside the package. Both are what
 * the CLI's `_find_app_cli_bundle_root` finds from the package it runs.
 */



const CLI_DIST_INFO = /^amplifier[-_.]app[-_.]cli-[^-]+\.dist-info$/i;
async function editableProjectDirs(fs, sitePackages) {
    const dirs = [];
    for (const site of sitePackages) {
        for (const name of (await fs.readdir(site)) ?? []) {
            if (!CLI_DIST_INFO.test(name))
                continue;
            const file = (0,external_node_path_.join)(site, name, 'direct_url.json');
            if (!(await fs.stat(file))?.isFile)
                continue;
            const record = parseDirectUrl((await fs.readFile(file)).toString('utf8'));
            if (record?.editable && record.path)
                dirs.push(record.path);
        }
    }
    return dirs;
}
async function installedCliBundleRoot(fs, sitePackages) {
    const isFile = async (path) => Boolean((await fs.stat(path))?.isFile);
    return findCliBundleRoot(sitePackages, isFile, await editableProjectDirs(fs, sitePackages));
}

;// CONCATENATED MODULE: ./lib/commands/shared-stages/load-and-resolve.js
/**
 * The first two stages every command shares: read the declarations (with their extends/includes) and
 * resolve each module through the layers against the target environment.
 */








async function loadAndResolve(options, ports, load) {
    const { fs, env } = ports;
    const settings = await loadSettings({ fs, workspace: options.workspace, home: options.home });
    const warnings = [...settings.warnings];
    const declareContext = {
        fs,
        workspace: options.workspace,
        home: options.home,
        namespaces: options.namespaces,
        registeredBundles: Object.fromEntries([...settings.value.addedBundles].map(([name, added]) => [name, added.value])),
        bundleSources: [...settings.value.bundleSources].map(([key, redirect]) => ({
            key,
            uri: redirect.value,
            file: redirect.file,
            line: redirect.line,
        })),
        strict: options.strict,
        locateGitInclude: load.locateGitInclude,
        wording: ports.wording,
    };
    let files = options.profiles;
    if (files.length === 0) {
        const detected = await detectActiveDeclarations({
            ...declareContext,
            active: {
                bundle: settings.value.activeBundle?.value ?? null,
                profile: settings.value.activeProfile?.value ?? null,
            },
        });
        warnings.push(...detected.warnings);
        files = detected.value;
    }
    await load.onFiles?.(files);
    // The CLI's own behavior ships inside its package: with --session the environment is needed first, to find it.
    const composeSession = options.session || (load.sessionByDefault === true && options.profiles.length === 0);
    const sitePackages = composeSession ? ((await load.environment())?.environment.sitePackages ?? []) : null;
    const session = sitePackages
        ? {
            parts: sessionParts({
                notifications: settings.value.notifications,
                appBundles: settings.value.appBundles,
                wording: ports.wording,
                cli: await installedCliBundleRoot(fs, sitePackages),
            }),
            providers: settings.value.configuredProviders,
        }
        : null;
    const declarations = [];
    const unresolvedIncludes = [];
    const bundleRoots = new Set();
    for (const file of files) {
        const loaded = session
            ? await loadSessionDeclarations(file, declareContext, session, options.session ? 'refuse' : 'as-is')
            : await loadDeclarations(file, declareContext);
        declarations.push(...loaded.value.declarations);
        unresolvedIncludes.push(...loaded.value.unresolvedIncludes);
        for (const root of loaded.value.bundleRoots)
            bundleRoots.add(root);
        warnings.push(...loaded.warnings);
    }
    checkDeclaredSources(declarations);
    // The declarations are read and checked: bad input can no longer be found, so the environment stage is opened now
    // (if nothing opened it yet) and answers while the modules are resolved. Whoever needs it awaits it; a failure to
    // locate it is handled here only so it is not unhandled meanwhile, and is thrown again where it is awaited.
    load.environment().catch(() => undefined);
    let installed = null;
    const installedPackages = () => {
        installed ??= load
            .environment()
            .then(async (found) => found
            ? { names: await listDistributionNames(found.environment, fs), environment: found.environment.python }
            : null);
        return installed;
    };
    const resolution = await resolveDeclarations(declarations, {
        fs,
        env,
        workspace: options.workspace,
        home: options.home,
        settings: settings.value,
        installedPackages,
        wording: ports.wording,
    });
    const resolved = resolution.value;
    warnings.push(...resolution.warnings);
    // Every credential a declaration, a setting or an override wrote is masked in whatever git or pip says later.
    ports.redactor.addCredentialsIn([declarations, resolved]);
    return {
        files,
        settings: settings.value,
        session: session !== null,
        declarations,
        resolved,
        unresolvedIncludes,
        bundleRoots: [...bundleRoots],
        warnings,
    };
}

;// CONCATENATED MODULE: ./lib/commands/shared-stages/declared-paths.js
/**
 * doctor and prune work on an environment and the module cache; declarations, when there are any, tell them which
 * directories are expected. No declarations is normal for them, not an error.
 */




async function optionalDeclarations(options, ports, 
/**
 * The session of the environment the caller already located, so it is not located a second time; undefined: the
 * default environment when there is one (resolve's package layer looks in it).
 */
environment, 
/** Told the clone directory of every git include found in the cache (prune keeps those clones). */
onIncludeClone, 
/** doctor: without -p, compose the active bundle as the Amplifier CLI composes a session. */
sessionByDefault = false, 
/** Told why there are no declarations (nothing active, or the active bundle cannot be read). */
onNone) {
    const inCache = locateGitIncludeInCache(options.home, ports);
    try {
        return await loadAndResolve(options, ports, {
            locateGitInclude: async (uri) => {
                const location = await inCache(uri);
                if ('repoDir' in location)
                    onIncludeClone?.(location.repoDir);
                return location;
            },
            environment: environment === undefined ? environmentStage(options, ports, false) : async () => environment,
            sessionByDefault,
        });
    }
    catch (error) {
        if ((0,errors/* isInputError */.BT)(error) && error.code === 'no-declarations' && options.profiles.length === 0) {
            onNone?.(error.fix ? `${error.message} (${error.fix})` : error.message);
            return null;
        }
        throw error;
    }
}
/** Expected directory by module id (the first declaration of an id wins). */
function expectedPaths(loaded) {
    const expected = new Map();
    for (const { declaration, resolution } of loaded?.resolved ?? []) {
        if (resolution.path && !expected.has(declaration.id))
            expected.set(declaration.id, resolution.path);
    }
    return expected;
}
/** Declared git origin (URL and ref) by module id, for the origin check of `doctor --fix` (first declaration wins). */
function expectedOrigins(loaded) {
    const origins = new Map();
    for (const { declaration, resolution } of loaded?.resolved ?? []) {
        const source = resolution.source;
        if (source?.type === 'git' && !origins.has(declaration.id))
            origins.set(declaration.id, { url: source.url, ref: source.ref });
    }
    return origins;
}

;// CONCATENATED MODULE: ./lib/commands/shared-stages/verdict.js
/**
 * A run is ok when every module is; with --strict, skipped includes and warnings fail it too. A `lock-mismatch`
 * warning (a lock entry nothing declares any more, an include the lock does not know) fails `--locked` always.
 */
function runVerdict(modules, extra, strict) {
    if (modules.some((m) => m.status !== 'ok'))
        return false;
    if (extra.warnings.some((warning) => warning.code === 'lock-mismatch'))
        return false;
    return !strict || (extra.unresolvedIncludes.length === 0 && extra.warnings.length === 0);
}

;// CONCATENATED MODULE: ./lib/commands/doctor/doctor-declarations.js
/**
 * What doctor audits against, and why it chose it. With -p, those files (composed as a session with --session).
 * Without, what Amplifier loads on this machine: the active bundle (`bundle.active` in settings, else the workspace's
 * `.amplifier/`) composed as the Amplifier CLI composes a session (its behaviors, `bundle.app`, and the providers
 * of `config.providers`), as `verify --session` composes it. With nothing declared, every editable is audited alone.
 */

function doctor_declarations_where(setting) {
    return `${setting.file}:${setting.line}`;
}
function why(options, loaded) {
    const composed = loaded.session
        ? ', composed as the Amplifier CLI composes a session (its behaviors, bundle.app and config.providers from settings)'
        : '';
    if (options.profiles.length > 0)
        return `given with -p${options.session ? ' and --session' : ''}${composed}`;
    const { activeBundle, activeProfile } = loaded.settings;
    if (activeBundle)
        return `the active bundle '${activeBundle.value}' (bundle.active, ${doctor_declarations_where(activeBundle)})${composed}`;
    if (activeProfile)
        return `the active profile '${activeProfile.value}' (profile.active, ${doctor_declarations_where(activeProfile)})`;
    return `found in ${options.workspace}/.amplifier (nothing active in settings)${composed}`;
}
async function doctorDeclarations(options, ports, session) {
    let none = `no bundle.active in settings and no .amplifier/ in ${options.workspace}`;
    const loaded = await optionalDeclarations(options, ports, session, undefined, true, (why) => {
        none = why;
    });
    if (loaded)
        return { loaded, chosen: { files: [...loaded.files], session: loaded.session, reason: why(options, loaded) } };
    // Nothing declared, or the active bundle Amplifier would load cannot be read (not in the module cache yet): say so.
    return {
        loaded: null,
        chosen: {
            files: [],
            session: false,
            reason: `none: ${none}; every editable is audited on its own (give -p FILE, or warm the active bundle, to audit against declarations)`,
        },
    };
}

;// CONCATENATED MODULE: ./lib/stages/install/install-records.js
/**
 * What this tool installed into one Python environment, and from which build metadata: the record that lets
 * `install` and `verify` skip a module whose editable install is intact and whose metadata has not changed.
 *
 * It lives under the Amplifier home (like Amplifier's own `install-state.json`), one file per interpreter that really
 * runs (`sys.executable`, as Amplifier records it: a shim and the venv interpreter it starts share one), so
 * environments never share entries and a read-only environment prefix still gets one. The environment's identity
 * (the interpreter link's own mtime, as Amplifier checks with lstat, and pyvenv.cfg's) is kept with it: an
 * environment rebuilt under the same path drops every entry, so everything is reinstalled. The file is replaced
 * atomically (write a temporary file, then rename); a file that cannot be parsed counts as no record at all.
 */



const VERSION = 1;
function installStateFile(home, python) {
    const key = (0,external_node_crypto_.createHash)('sha256').update(python, 'utf8').digest('hex').slice(0, 16);
    return (0,external_node_path_.join)(home, 'amplifier-modules', 'install-state', `${key}.json`);
}
function interpreterOf(environment) {
    return environment.executable ?? environment.python;
}
async function identityOf(fs, environment) {
    const interpreter = interpreterOf(environment);
    const python = await fs.lstat(interpreter);
    const pyvenv = await fs.stat((0,external_node_path_.join)(environment.prefix, 'pyvenv.cfg'));
    return {
        python: interpreter,
        pythonMtimeMs: python ? Math.trunc(python.mtimeMs) : null,
        pyvenvMtimeMs: pyvenv ? Math.trunc(pyvenv.mtimeMs) : null,
    };
}
function isRecord(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const { pyproject_hash: hash, files } = value;
    return (typeof hash === 'string' &&
        typeof files === 'object' &&
        files !== null &&
        Object.values(files).every((v) => typeof v === 'string'));
}
function parseState(text) {
    const state = parseJsonObject(text);
    if (!state)
        return null;
    if (state.version !== VERSION || typeof state.modules !== 'object' || state.modules === null)
        return null;
    return state;
}
function sameEnvironment(a, b) {
    return (a.python === b.python &&
        a.pythonMtimeMs !== null &&
        a.pythonMtimeMs === b.pythonMtimeMs &&
        a.pyvenvMtimeMs === b.pyvenvMtimeMs);
}
async function loadInstallState(fs, home, environment) {
    const file = installStateFile(home, interpreterOf(environment));
    const identity = await identityOf(fs, environment);
    const empty = (lost) => ({ file, lost, identity, modules: new Map() });
    let text;
    try {
        if (!(await fs.stat(file))?.isFile)
            return empty('none-yet');
        text = (await fs.readFile(file)).toString('utf8');
    }
    catch {
        return empty('unreadable');
    }
    const parsed = parseState(text);
    if (!parsed)
        return empty('unreadable');
    if (!sameEnvironment(parsed, identity))
        return empty('environment-rebuilt');
    const modules = new Map();
    for (const [path, record] of Object.entries(parsed.modules))
        if (isRecord(record))
            modules.set(path, record);
    return { file, lost: null, identity, modules };
}
function recordInstall(state, path, fingerprint) {
    if (fingerprint.ok)
        state.modules.set(path, { pyproject_hash: fingerprint.value.combined, files: fingerprint.value.files });
    else
        state.modules.delete(path);
}
/** Writes the whole state next to its final name, then renames it over: a reader never sees half a file. */
async function saveInstallState(fs, state) {
    const body = { version: VERSION, ...state.identity, modules: Object.fromEntries(state.modules) };
    await fs.mkdir((0,external_node_path_.dirname)(state.file));
    const temporary = `${state.file}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`;
    try {
        await fs.writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`);
        await fs.rename(temporary, state.file);
    }
    catch (error) {
        await fs.rm(temporary).catch(() => undefined);
        throw error;
    }
}

;// CONCATENATED MODULE: ./lib/commands/doctor/doctor-record.js
/**
 * `doctor --fix` keeps the install record `install` and `verify` keep (stages/install/install-records.ts), so the `verify`
 * after it installs nothing: what it reinstalled is recorded with its build files' fingerprint, and so is every
 * editable it found intact whose directory Amplifier's own install state (`<home>/cache/install-state.json`, for
 * this interpreter) records with the fingerprint the directory has now: Amplifier installed it from exactly these
 * build files, which is what the record vouches for.
 */



/** Amplifier's fingerprints by directory, when its install state is about this environment's interpreter. */
async function amplifierFingerprints(fs, home, environment) {
    const read = await readInstallState(fs, installStatePath(home));
    if (read.kind !== 'state')
        return new Map();
    const python = read.state.python;
    if (python === null || (python !== environment.python && python !== environment.executable))
        return new Map();
    const out = new Map();
    for (const entry of read.state.entries)
        if (entry.fingerprint)
            out.set(entry.dir, entry.fingerprint);
    return out;
}
async function recordDoctorInstalls(ports, home, environment, 
/** Directories this run reinstalled. */
installed, 
/** Directories of editables audited ok that this run left alone. */
intact) {
    const { fs } = ports;
    const record = await loadInstallState(fs, home, environment);
    let changed = record.lost !== null;
    for (const path of installed) {
        recordInstall(record, path, await fingerprintOf(fs, path));
        changed = true;
    }
    const amplifier = await amplifierFingerprints(fs, home, environment);
    for (const path of intact) {
        if (record.modules.has(path) || installed.includes(path))
            continue;
        const fingerprint = await fingerprintOf(fs, path);
        if (!fingerprint.ok || amplifier.get(path) !== fingerprint.value.combined)
            continue;
        recordInstall(record, path, fingerprint);
        changed = true;
    }
    if (!changed)
        return;
    // As in the install stage: a record that cannot be written costs a reinstall next time, never a wrong answer now.
    await saveInstallState(fs, record).catch((error) => ports.logger.warn(`could not write the install record ${record.file}: ${String(error)}; the next run reinstalls`));
}

;// CONCATENATED MODULE: ./lib/stages/audit/findings.js
const STATUS_OF = {
    'install-failed': 'install-failed',
    'not-installed': 'not-installed',
    'entry-point-missing': 'entry-point-mismatch',
    'entry-point-other-id': 'entry-point-mismatch',
    'entry-point-module-missing': 'entry-point-mismatch',
    'entry-point-attr-missing': 'entry-point-mismatch',
    'entry-point-duplicate': 'ok',
    'editable-target-missing': 'dangling',
    'pth-target-missing': 'dangling',
    'pth-hook-missing': 'dangling',
    'finder-target-missing': 'dangling',
    'egg-link-target-missing': 'dangling',
    'link-target-missing': 'dangling',
    'origin-missing': 'dangling',
    'search-location-missing': 'dangling',
    'module-not-found': 'not-installed',
    'installed-from-other-dir': 'stale',
    'installed-not-editable': 'stale',
    'origin-other-dir': 'stale',
    'find-spec-error': 'import-error',
    'import-error': 'import-error',
    'orphan-pth': 'dangling',
    'sibling-clone': 'ok',
    // amplifier-core's fallback for a module without an entry point: a note on how it loads, not a failure.
    'loaded-by-import-name': 'ok',
    'mount-missing': 'import-error',
    'install-state-interpreter-missing': 'stale',
    'install-state-not-installed': 'not-installed',
    'install-state-other-dir': 'stale',
    'install-state-fingerprint': 'stale',
    'install-state-removed': 'ok',
    'reinstalled-by-doctor': 'ok',
};
/** Worst first: the status a module gets is the first one any of its findings implies. */
const SEVERITY = [
    'install-failed',
    'dangling',
    'not-installed',
    'stale',
    'entry-point-mismatch',
    'import-error',
    'ok',
];
function statusOf(code) {
    return STATUS_OF[code];
}
function worstStatus(findings) {
    let worst = SEVERITY.length - 1;
    for (const finding of findings)
        worst = Math.min(worst, SEVERITY.indexOf(statusOf(finding.code)));
    return SEVERITY[worst] ?? 'ok';
}

;// CONCATENATED MODULE: ./lib/commands/doctor/install-state-modules.js
/**
 * doctor's report rows for Amplifier's install state: one per entry the environment contradicts, so a phantom
 * "installed" module fails the check by name; after `--fix`, the same rows say the entry was removed.
 */


const CODE_OF = {
    'interpreter-missing': 'install-state-interpreter-missing',
    'not-installed': 'install-state-not-installed',
    'other-directory': 'install-state-other-dir',
    'fingerprint-changed': 'install-state-fingerprint',
};
/** The module id Amplifier's naming convention gives the distribution, else the directory's name. */
function idOf(entry) {
    const name = entry.distribution;
    if (name && /^amplifier[-_.]module[-_.]/i.test(name))
        return name.replace(/^amplifier[-_.]module[-_.]/i, '');
    return name ?? (0,external_node_path_.basename)(entry.dir);
}
function findingsOf(check, entry) {
    if (check.removed) {
        return [
            {
                code: 'install-state-removed',
                message: `${entry.message}: its entry was removed from ${check.file}, so Amplifier reinstalls it on its next start`,
                file: check.file,
                target: entry.dir,
            },
        ];
    }
    return entry.kinds.map((kind) => ({
        code: CODE_OF[kind],
        message: `${check.file} says ${entry.dir} is installed, so Amplifier skips installing it, but ${entry.message}`,
        file: check.file,
        target: entry.dir,
        fix: `amplifier-modules doctor --fix (removes this entry from ${check.file}; Amplifier then reinstalls it)`,
    }));
}
function installStateModules(check, kindFromId) {
    return check.stale.map((entry) => {
        const id = idOf(entry);
        const findings = findingsOf(check, entry);
        const status = worstStatus(findings);
        return {
            id,
            kind: kindFromId(id),
            agent: null,
            declaredAt: null,
            declaredSource: null,
            resolution: { layer: null, source: null, trail: [] },
            path: entry.dir,
            status,
            findings,
            fix: status === 'ok' ? null : (findings.find((f) => f.fix)?.fix ?? null),
        };
    });
}

;// CONCATENATED MODULE: ./lib/module-cache/quarantine.js
/**
 * prune's quarantine: no tool can know every environment on a machine (a venv made with a plain `pip install -e` of
 * a clone, another project's venv), so prune never deletes a clone it believes unused; it moves it to
 * `<home>/cache/.quarantine/<entry>/<clone name>` beside a `quarantined.json` naming where it came from and when it
 * was moved. A later prune deletes entries older than the retention period; `doctor --fix` moves a clone back when an
 * install still points into it. The same file system as the cache, so moving in and out are renames; the leading
 * dot keeps it out of every scan for `<repo>-<16 hex>` clone names.
 */




const QUARANTINE_DIR = '.quarantine';
const RECORD = 'quarantined.json';

const DAY_MS = 24 * 60 * 60 * 1000;
function quarantineRoot(home) {
    return (0,external_node_path_.join)(home, 'cache', QUARANTINE_DIR);
}
/** `2026-12-07T20-15-00Z-<random>`: entries sort by the date they were moved. */
function quarantine_entryName(now) {
    const stamp = new Date(now)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z')
        .replaceAll(':', '-');
    return `${stamp}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
}
/** Moves a clone into the quarantine (a rename: atomic, nothing copied); returns where it went. */
async function quarantineClone(fs, home, clone, now) {
    const root = quarantineRoot(home);
    // A plain directory, not a tracked temporary one: an interrupted run must never delete a clone moved into it.
    const entry = (0,external_node_path_.join)(root, quarantine_entryName(now));
    await fs.mkdir(entry);
    const record = { version: 1, from: clone, moved_at: new Date(now).toISOString() };
    try {
        // The record first: an entry is never without it, so every quarantined clone can be put back.
        await fs.writeFile((0,external_node_path_.join)(entry, RECORD), `${JSON.stringify(record, null, 2)}\n`);
        await fs.rename(clone, (0,external_node_path_.join)(entry, (0,external_node_path_.basename)(clone)));
    }
    catch (error) {
        await fs.rm(entry).catch(() => undefined);
        throw error;
    }
    return (0,external_node_path_.join)(entry, (0,external_node_path_.basename)(clone));
}
async function readEntry(fs, entry) {
    const file = (0,external_node_path_.join)(entry, RECORD);
    if (!(await fs.lstat(file))?.isFile)
        return null;
    const record = parseJsonObject((await fs.readFile(file).catch(() => Buffer.from(''))).toString('utf8'));
    const from = record?.from;
    const movedAt = typeof record?.moved_at === 'string' ? Date.parse(record.moved_at) : Number.NaN;
    if (typeof from !== 'string' || Number.isNaN(movedAt))
        return null;
    const clone = (0,external_node_path_.join)(entry, (0,external_node_path_.basename)(from));
    if (!(await fs.lstat(clone))?.isDirectory)
        return null;
    return { entry, clone, from, movedAt };
}
/** Every quarantined clone, newest first. */
async function listQuarantine(fs, home) {
    const root = quarantineRoot(home);
    const clones = [];
    const debris = [];
    for (const name of (await fs.readdir(root)) ?? []) {
        const entry = (0,external_node_path_.join)(root, name);
        if (!(await fs.lstat(entry))?.isDirectory)
            continue;
        const read = await readEntry(fs, entry);
        if (read)
            clones.push(read);
        else
            debris.push(entry);
    }
    return { clones: clones.sort((a, b) => b.movedAt - a.movedAt), debris };
}
/** Whether an entry is past the retention period (`retentionDays` 0, i.e. `--purge`: every entry). */
function isExpired(clone, now, retentionDays) {
    return retentionDays <= 0 || now - clone.movedAt >= retentionDays * DAY_MS;
}
/** The newest quarantined clone a missing path pointed into (the path is the clone or lies inside it). */
async function findQuarantinedFor(fs, home, missing) {
    const { clones } = await listQuarantine(fs, home);
    return clones.find((q) => isWithin(missing, q.from)) ?? null;
}
/** Moves a quarantined clone back where it was; false when something already occupies that path. */
async function restoreQuarantined(fs, clone) {
    if (await fs.lstat(clone.from))
        return false;
    try {
        await fs.rename(clone.clone, clone.from);
    }
    catch (error) {
        // Another run moved it back first (the clone is gone from the quarantine, or its place is taken).
        const code = error?.code;
        if (code === 'ENOENT' || code === 'ENOTEMPTY' || code === 'EEXIST')
            return false;
        throw error;
    }
    await fs.rm(clone.entry).catch(() => undefined);
    return true;
}

;// CONCATENATED MODULE: ./lib/commands/doctor/quarantine-restore.js
/**
 * doctor and prune's quarantine: an install whose target is missing because prune moved its clone into the quarantine
 * is reported as such, and `doctor --fix` moves the clone back (a rename, no network, no reinstall).
 */


/** Every missing install target of the environment that lies in a quarantined clone (one per clone). */
async function findQuarantinedTargets(fs, home, environment) {
    const scan = await scanSitePackages(fs, environment.sitePackages);
    const missing = new Set();
    for (const holder of [...scan.dists, ...scan.orphans]) {
        for (const target of holder.targets)
            if (!target.exists)
                missing.add(target.target);
    }
    for (const dist of scan.dists) {
        if (dist.installedFrom && !(await fs.lstat(dist.installedFrom)))
            missing.add(dist.installedFrom);
    }
    const found = new Map();
    for (const path of missing) {
        const quarantined = await findQuarantinedFor(fs, home, path);
        if (quarantined && !found.has(quarantined.entry))
            found.set(quarantined.entry, { missing: path, quarantined });
    }
    return [...found.values()];
}
/** The warning doctor gives without --fix. */
function quarantineWarning(target) {
    const { quarantined } = target;
    return {
        code: 'target-quarantined',
        message: `${target.missing === quarantined.from ? target.missing : `${target.missing} (in ${quarantined.from})`} is missing: prune moved ${quarantined.from} into its quarantine on ${new Date(quarantined.movedAt).toISOString()}; it is now ${quarantined.clone}`,
        fix: 'amplifier-modules doctor --fix (moves it back, no network)',
    };
}
/** `doctor --fix`: moves each quarantined clone back; returns the ones that could not be (their path is taken). */
async function restoreQuarantinedTargets(fs, targets, logger) {
    const problems = [];
    for (const { quarantined } of targets) {
        if (await restoreQuarantined(fs, quarantined)) {
            logger.info(`moved ${quarantined.from} back from prune's quarantine`);
            continue;
        }
        problems.push({
            code: 'target-quarantined',
            message: `${quarantined.from} is in prune's quarantine (${quarantined.clone}) but something else now occupies its path`,
            fix: `move ${quarantined.from} aside, then run amplifier-modules doctor --fix again`,
        });
    }
    return problems;
}

;// CONCATENATED MODULE: ./lib/python/probe.js
/**
 * The import system's own answer, from ONE `python -I` process per environment: `-I` so the working directory
 * cannot shadow a module, never `-S` because site processing is what makes editable installs importable.
 * The module list goes in on stdin, the script as `-c` code, the answer comes back as JSON after a marker line
 * (imported modules may print to stdout).
 */


const PROBE_MARKER = '@@amplifier-modules-probe@@';
const PROBE_SCRIPT = `
import importlib, importlib.util, json, os, sys
real_stdout = sys.stdout
sys.stdout = sys.stderr
request = json.loads(sys.stdin.read())
def describe(error):
    # Imported only when something failed: traceback's imports cost every run about 2 ms.
    import traceback
    return ''.join(traceback.format_exception_only(type(error), error)).strip()
results = []
for item in request['modules']:
    name = item['module']
    entry = {'module': name, 'found': False, 'origin': None, 'originExists': None, 'locations': [],
             'specError': None, 'importError': None, 'attrFound': None}
    try:
        spec = importlib.util.find_spec(name)
    except BaseException as error:
        spec = None
        entry['specError'] = describe(error)
    if spec is not None:
        entry['found'] = True
        origin = spec.origin if spec.has_location else None
        entry['origin'] = origin
        entry['originExists'] = os.path.exists(origin) if origin else None
        entry['locations'] = [{'path': p, 'exists': os.path.isdir(p)} for p in (spec.submodule_search_locations or [])]
    if request['importCheck'] and entry['specError'] is None:
        try:
            module = importlib.import_module(name)
            if item['attr']:
                target = module
                for part in item['attr'].split('.'):
                    target = getattr(target, part, None)
                    if target is None:
                        break
                entry['attrFound'] = target is not None
        except BaseException as error:
            entry['importError'] = describe(error)
    results.append(entry)
site_dirs = [p for p in sys.path if os.path.basename(p) in ('site-packages', 'dist-packages')]
real_stdout.write('${PROBE_MARKER}\\n' + json.dumps({'executable': sys.executable, 'version': sys.version.split()[0],
    'sitePackages': site_dirs, 'results': results}) + '\\n')
real_stdout.flush()
`;
function parseProbeOutput(stdout) {
    const at = stdout.lastIndexOf(PROBE_MARKER);
    if (at < 0)
        return null;
    const json = stdout.slice(at + PROBE_MARKER.length).trim();
    try {
        return JSON.parse(json);
    }
    catch {
        return null;
    }
}
/**
 * One process for every module asked about; `importCheck` also imports each (and checks its attribute). `modules` may
 * be a promise: the interpreter starts at once (its start-up runs every editable finder's `.pth`) and reads the list
 * when it is known.
 */
async function runProbe(session, modules, importCheck) {
    // -B: importing a module (import-check) must not write __pycache__ into its clone, which would then differ from
    // its commit and never be saved to the CI cache.
    const result = await session.run(['-I', '-B', '-c', PROBE_SCRIPT], {
        input: Promise.resolve(modules).then((list) => probeInput(list, importCheck)),
        timeoutMs: importCheck ? 300_000 : 60_000,
    });
    return probeAnswerIn(result, session.environment.python);
}
/** What the probe script reads on stdin. */
function probeInput(modules, importCheck) {
    return JSON.stringify({ modules, importCheck });
}
/** The probe's answer in a finished process's output; a process that could not answer is a runtime failure. */
function probeAnswerIn(result, python, w = CLI_WORDING) {
    if (result.spawnError) {
        throw new errors/* RuntimeFailure */.$c('python-failed', `cannot start ${python}: ${result.spawnError}`, undefined, `${w.give('python', 'PATH')} of a working interpreter (check it runs: PYTHON -c "import sys")`);
    }
    const answer = parseProbeOutput(result.stdout);
    if (!answer) {
        const tail = result.stderr.trim().split('\n').slice(-10).join('\n');
        throw new errors/* RuntimeFailure */.$c('python-failed', `${python} did not answer the import probe (exit ${result.code ?? result.signal}); it is not a working Python interpreter`, tail || `stdout: ${result.stdout.trim().split('\n').slice(0, 5).join('\n')}`, `check that ${python} -I -c "import sys; print(sys.version)" works, or ${w.give('python', 'PATH')} of another interpreter`);
    }
    return answer;
}

;// CONCATENATED MODULE: ./lib/stages/audit/dist-index.js
/**
 * Which installed distribution provides a module: by its amplifier.modules entry point first, then by the project's
 * or the conventional distribution name. Findings about the match itself (a duplicate) come with it; a distribution
 * without the module's entry point is marked to be judged by amplifier-core's import-name fallback (rules.ts).
 */



/**
 * The package amplifier-core's loader imports when no `amplifier.modules` entry point has the module's id (its
 * filesystem fallback): `amplifier_module_` + the id with every `-` turned into `_`, exactly as the loader spells it.
 */
function conventionalImportName(id) {
    return `amplifier_module_${id.replace(/-/g, '_')}`;
}
/** Built once per scan (the caller keeps it), so locating N modules among M distributions costs N + M, not N x M. */
function indexDistributions(scan) {
    const byEntryPoint = new Map();
    const byKey = new Map();
    const add = (map, key, dist) => {
        const list = map.get(key);
        if (!list)
            map.set(key, [dist]);
        else if (list[list.length - 1] !== dist)
            list.push(dist);
    };
    const order = new Map();
    scan.dists.forEach((dist, position) => {
        for (const ep of dist.info.amplifierEntryPoints)
            add(byEntryPoint, ep.name, dist);
        add(byKey, dist.info.key, dist);
        order.set(dist, position);
    });
    return { byEntryPoint, byKey, order };
}
/** The distribution that provides the module: by entry point id first, then by the project's or conventional name. */
async function locateDist(input, index, fs) {
    const findings = [];
    const providers = index.byEntryPoint.get(input.id) ?? [];
    if (providers.length > 0) {
        let chosen = providers[0] ?? null;
        if (input.expectedPath && providers.length > 1) {
            for (const candidate of providers) {
                if (candidate.installedFrom && (await isWithinAny(fs, candidate.installedFrom, input.expectedPath))) {
                    chosen = candidate;
                    break;
                }
            }
        }
        if (providers.length > 1) {
            findings.push({
                code: 'entry-point-duplicate',
                message: `${providers.length} distributions declare the amplifier.modules entry point '${input.id}': ${providers.map((p) => p.info.name).join(', ')}`,
                fix: `uninstall the ones you do not want: ${providers.map((p) => p.info.name).join(' or ')}`,
            });
        }
        const entryPoint = chosen?.info.amplifierEntryPoints.find((ep) => ep.name === input.id) ?? null;
        return { dist: chosen, entryPoint, findings };
    }
    const names = new Set([normalizeDistName(`amplifier-module-${input.id}`)]);
    const projectName = input.expectedPath ? await readProjectName(fs, input.expectedPath) : null;
    if (projectName)
        names.add(normalizeDistName(projectName));
    // The first in scan order among the distributions carrying any of the names.
    const candidates = [...names].flatMap((name) => index.byKey.get(name) ?? []);
    const dist = candidates.sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0))[0] ?? null;
    // No entry point with this id: amplifier-core then imports the conventional package; whether that works is the
    // import system's answer, judged by the shared rules, not a mismatch by itself.
    if (dist) {
        return {
            dist,
            entryPoint: null,
            findings,
            byImportName: { otherIds: dist.info.amplifierEntryPoints.map((ep) => ep.name) },
        };
    }
    return { dist, entryPoint: null, findings };
}
function locatedFromDist(input, dist) {
    const entryPoint = dist.info.amplifierEntryPoints.find((ep) => ep.name === input.id) ?? null;
    return { input, located: { dist, entryPoint, findings: [] }, importName: entryPoint?.module ?? null };
}
/**
 * An editable that declares no entry point but is named like a module (`amplifier-module-<id>`): amplifier-core
 * loads it by its import name, so doctor judges it the way verify does.
 */
function locatedByImportName(input, dist) {
    const located = { dist, entryPoint: null, findings: [], byImportName: { otherIds: [] } };
    return { input, located, importName: conventionalImportName(input.id) };
}
async function locateAll(modules, index, fs) {
    return Promise.all(modules.map(async (input) => {
        const located = await locateDist(input, index, fs);
        return { input, located, importName: located.entryPoint?.module ?? conventionalImportName(input.id) };
    }));
}

;// CONCATENATED MODULE: ./lib/stages/install/install-command.js
/**
 * The one installer call for a batch of editable installs, as an argument array (never a shell string):
 * `uv pip install --python P --no-sources -e D1 -e D2` (the flags the Amplifier CLI itself passes; `--no-sources`
 * because modules point amplifier-core at a sibling checkout in `[tool.uv.sources]`), or `P -m pip install -e D1 ...`.
 */

function buildInstallCommand(input) {
    const editables = input.dirs.flatMap((dir) => ['-e', dir]);
    const extra = input.extraArgs ?? [];
    if (input.installer === 'uv') {
        const overrides = input.overridesFile ? ['--overrides', input.overridesFile] : [];
        return {
            command: input.uv ?? 'uv',
            args: ['pip', 'install', '--python', input.python, '--no-sources', ...overrides, ...extra, ...editables],
        };
    }
    const noDeps = input.noDeps ? ['--no-deps'] : [];
    return { command: input.python, args: ['-m', 'pip', 'install', ...noDeps, ...extra, ...editables] };
}
/** For progress lines: the command with its editables folded into a count (the full line is logged at debug). */
function foldedCommandLine(line) {
    const at = line.args.indexOf('-e');
    if (at < 0)
        return formatCommandLine(line);
    const count = line.args.slice(at).filter((arg) => arg === '-e').length;
    const head = formatCommandLine({ command: line.command, args: line.args.slice(0, at) });
    return count === 1 ? formatCommandLine(line) : `${head} -e <${count} directories>`;
}
/** For messages only: the command as text the user can paste (every word POSIX-quoted). */
function formatCommandLine(line) {
    return commandText([line.command, ...line.args]);
}

;// CONCATENATED MODULE: ./lib/stages/audit/fix-command.js
/** The exact command that reinstalls one editable module, for a finding's `fix`. */

function reinstallFix(installer, python, dir) {
    return formatCommandLine(buildInstallCommand({ installer, python, dirs: [dir] }));
}

;// CONCATENATED MODULE: ./lib/stages/audit/cache-siblings.js
/**
 * Layout-A clones of one repository sit side by side as `<repo>-<16 hex>` (one per url@ref). An editable that points
 * into one of them while another exists is the rotated cache directory (README, "What a failure looks like"): these
 * helpers find the clone a path lies in and its siblings.
 */


/** The innermost path component that parses as a layout-A clone name, or null. */
function locateClone(path) {
    const parts = path.split(external_node_path_.sep);
    for (let i = parts.length - 1; i > 0; i -= 1) {
        const name = parts[i] ?? '';
        const parsed = parseLayoutADirName(name);
        if (!parsed)
            continue;
        const cloneDir = parts.slice(0, i + 1).join(external_node_path_.sep);
        return {
            cacheDir: (0,external_node_path_.dirname)(cloneDir),
            dirName: name,
            repo: parsed.repo,
            hash: parsed.hash,
            inside: (0,external_node_path_.relative)(cloneDir, path),
        };
    }
    return null;
}
/** Existing clones of the same repository other than the given one, newest first. */
async function findSiblings(fs, clone) {
    const out = [];
    for (const name of (await fs.readdir(clone.cacheDir)) ?? []) {
        const parsed = parseLayoutADirName(name);
        if (!parsed || parsed.repo !== clone.repo || parsed.hash === clone.hash)
            continue;
        const path = clone.inside ? (0,external_node_path_.join)(clone.cacheDir, name, clone.inside) : (0,external_node_path_.join)(clone.cacheDir, name);
        const stat = await fs.stat(path);
        if (!stat?.isDirectory)
            continue;
        out.push({ path, hash: parsed.hash, mtimeMs: stat.mtimeMs });
    }
    return out.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

;// CONCATENATED MODULE: ./lib/stages/audit/clone-origin.js
/**
 * Where a module-cache clone came from, as its `.amplifier_cache_meta.json` records it, compared with the source a
 * module declares. `doctor --fix` reinstalls only from a clone whose recorded URL and ref are the module's: a clone
 * of a fork, or of another repository that happens to share the name, is never installed in its place.
 */




/** The URL as a comparable key: no userinfo, scheme and host in lower case, no trailing `/` or `.git`. */
function clone_origin_originKey(url) {
    const bare = maskUserinfo(url).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, '$1');
    const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/i.exec(bare);
    const normal = match ? `${match[1]?.toLowerCase()}${match[2]?.toLowerCase()}${match[3]}` : bare;
    return normal.replace(/\/+$/, '').replace(/\.git$/, '');
}
/** Why the clone holding `dir` is not from `origin`, or null when its metadata says it is. */
async function originMismatch(fs, dir, origin) {
    const clone = locateClone(dir);
    if (!clone)
        return `${dir} is not in a module-cache clone, so its origin cannot be checked`;
    const root = (0,external_node_path_.join)(clone.cacheDir, clone.dirName);
    const meta = await readCacheMeta(fs, root);
    if (!meta)
        return `${root} has no readable .amplifier_cache_meta.json recording its origin`;
    if (clone_origin_originKey(meta.git_url) !== clone_origin_originKey(origin.url))
        return `${root} is a clone of ${meta.git_url}, not of ${maskUserinfo(origin.url)}`;
    if (meta.ref !== origin.ref)
        return `${root} is a clone of ref ${meta.ref}, not ${origin.ref}`;
    return null;
}

;// CONCATENATED MODULE: ./lib/stages/audit/reinstall-source.js
/**
 * Where a reinstall of a module should come from, and why that directory: the fix command names a directory that
 * exists, and `doctor --fix` says which clone it chose. Only a clone of the right repository is ever chosen (a clone
 * sharing the name may be a fork's):
 * - with a declaration, the clone it names (its metadata records the declared URL and ref), else the newest clone of
 *   the declared URL at another ref;
 * - without one, the newest clone whose recorded URL is the one the dangling install came from. That URL is proven by
 *   the install's own directory name: Amplifier names a clone `<repo>-<sha256(url@ref)[:16]>`, so a clone recording
 *   URL U is the install's repository when U at some known ref hashes to the gone directory's name.
 */






async function reinstall_source_exists(fs, path) {
    return path !== null && (await fs.stat(path)) !== null;
}
/** The clone roots of the siblings, with their metadata (a clone without readable metadata proves nothing). */
async function siblingClones(fs, clone) {
    const out = [];
    for (const sibling of await findSiblings(fs, clone)) {
        const root = (0,external_node_path_.join)(clone.cacheDir, `${clone.repo}-${sibling.hash}`);
        const meta = await readCacheMeta(fs, root);
        if (meta)
            out.push({ ...sibling, meta });
    }
    return out;
}
/** Refs worth trying for the gone clone: every ref and commit the same repository's clones record, and the usual. */
function candidateRefs(clones) {
    const refs = new Set(['main', 'master']);
    for (const { meta } of clones) {
        refs.add(meta.ref);
        if (meta.commit)
            refs.add(meta.commit);
    }
    return [...refs];
}
/** The ref at which `url` hashes to the gone clone's name, or null when no candidate does. */
function provenRef(url, hash, refs) {
    return refs.find((ref) => layoutAKey({ url, ref }) === hash) ?? null;
}
async function declaredChoice(fs, input, clones, logger) {
    const origin = input.origin;
    if (!origin)
        return null;
    const declared = `${maskUserinfo(origin.url)}@${origin.ref}`;
    if (input.expectedPath !== null && (await reinstall_source_exists(fs, input.expectedPath))) {
        const mismatch = await originMismatch(fs, input.expectedPath, origin);
        if (mismatch === null)
            return { path: input.expectedPath, why: `the clone the declaration names (${declared})` };
        logger.debug(`not reinstalling from ${input.expectedPath}: ${mismatch}`);
    }
    for (const clone of clones) {
        for (const sibling of await siblingClones(fs, clone)) {
            if (clone_origin_originKey(sibling.meta.git_url) !== clone_origin_originKey(origin.url))
                continue;
            const why = sibling.meta.ref === origin.ref
                ? `the clone the declaration names (${declared})`
                : `the newest clone of the declared URL (ref ${sibling.meta.ref}); the declared ref ${origin.ref} has no clone yet`;
            return { path: sibling.path, why };
        }
    }
    return null;
}
async function provenChoice(fs, recorded) {
    for (const path of recorded) {
        const clone = locateClone(path);
        if (!clone)
            continue;
        const clones = await siblingClones(fs, clone);
        const refs = candidateRefs(clones);
        for (const sibling of clones) {
            const ref = provenRef(sibling.meta.git_url, clone.hash, refs);
            if (ref === null)
                continue;
            const url = maskUserinfo(sibling.meta.git_url);
            return {
                path: sibling.path,
                why: `the newest clone of ${url} (ref ${sibling.meta.ref}), the repository the install came from: its gone directory ${clone.dirName} is ${url}@${ref}`,
            };
        }
    }
    return null;
}
function nothing(input, recorded) {
    if (input.origin) {
        const clone = input.expectedPath ? locateClone(input.expectedPath) : null;
        const where = clone ? ` in ${clone.cacheDir}` : '';
        return `no clone of ${maskUserinfo(input.origin.url)} is in the module cache${where}`;
    }
    const clone = recorded.map(locateClone).find((c) => c !== null);
    if (!clone)
        return 'no declaration names it and it was not installed from a module-cache clone';
    return `no declaration names it, and no clone in ${clone.cacheDir} records the repository ${clone.dirName} was cloned from (a clone named ${clone.repo}-* may be a fork's)`;
}
async function reinstallChoice(fs, input, recorded, logger) {
    const clones = [input.expectedPath, ...recorded].flatMap((path) => {
        const clone = path ? locateClone(path) : null;
        return clone ? [clone] : [];
    });
    const choice = input.origin
        ? await declaredChoice(fs, input, clones, logger)
        : input.expectedPath !== null && (await reinstall_source_exists(fs, input.expectedPath))
            ? { path: input.expectedPath, why: 'the directory the declaration names' }
            : await provenChoice(fs, recorded);
    if (choice)
        return choice;
    for (const path of recorded) {
        if (await reinstall_source_exists(fs, path))
            return { path, why: 'the directory it is installed from' };
    }
    return { path: null, why: nothing(input, recorded) };
}

;// CONCATENATED MODULE: ./lib/stages/audit/rules.js
/**
 * The finding rules: what the environment's files (editable targets) and the import system's answer (the probe) say
 * about one module, as findings with codes. verify and doctor both judge a module with these, so they cannot disagree.
 */



const TARGET_CODE = {
    'direct-url': 'editable-target-missing',
    'pth-path': 'pth-target-missing',
    'pth-import': 'pth-hook-missing',
    'finder-mapping': 'finder-target-missing',
    'editables-mapping': 'finder-target-missing',
    'egg-link': 'egg-link-target-missing',
    'link-tree-entry': 'link-target-missing',
};
const TARGET_WORDS = {
    'direct-url': 'direct_url.json of the editable install records',
    'pth-path': 'puts on sys.path',
    'pth-import': 'imports the hook module',
    'finder-mapping': 'maps the package to',
    'editables-mapping': 'redirects the package to',
    'egg-link': 'links the project at',
    'link-tree-entry': 'has a broken link at',
};
function describeRotation(from, to) {
    if (from && to && from.repo === to.repo && from.hash !== to.hash) {
        return ` (the module cache moved ${from.repo} from hash ${from.hash} to ${to.hash}; the editable install was not refreshed)`;
    }
    return '';
}
async function targetFindings(dist, expectedPath, fs, fix, newPath) {
    const findings = [];
    for (const target of dist.targets) {
        if (target.exists)
            continue;
        const now = newPath && newPath !== target.target ? `; the module is now at ${newPath}` : '';
        const rotation = describeRotation(locateClone(target.target), newPath ? locateClone(newPath) : null);
        findings.push({
            code: TARGET_CODE[target.kind],
            message: `${target.file} ${TARGET_WORDS[target.kind]} ${target.target}, which does not exist${now}${rotation}`,
            file: target.file,
            target: target.target,
            fix,
        });
    }
    if (!expectedPath)
        return findings;
    if (!dist.editable) {
        findings.push({
            code: 'installed-not-editable',
            message: `${dist.info.name} is installed as a regular (not editable) package, so ${expectedPath} is not what gets imported`,
            file: dist.info.dir,
            fix,
        });
        return findings;
    }
    const pointers = dist.targets.filter((t) => t.exists && t.kind !== 'pth-import' && t.kind !== 'link-tree-entry');
    for (const target of pointers) {
        if (await isWithinAny(fs, target.target, expectedPath))
            continue;
        const rotation = describeRotation(locateClone(target.target), locateClone(expectedPath));
        findings.push({
            code: 'installed-from-other-dir',
            message: `${target.file} points at ${target.target}, but the module resolves to ${expectedPath}${rotation}`,
            file: target.file,
            target: target.target,
            fix,
        });
        break;
    }
    return findings;
}
/**
 * Without a declaration to compare with (doctor), other clones of the same repository are worth a note: the
 * editable works today, but it is the latent state of a rotated cache directory (two hashes, one of them pruned
 * some day; README, "What a failure looks like").
 */
async function siblingNotes(dist, fs) {
    if (!dist.editable || !dist.installedFrom || dist.targets.some((t) => !t.exists))
        return [];
    const clone = locateClone(dist.installedFrom);
    if (!clone)
        return [];
    const siblings = await findSiblings(fs, clone);
    if (siblings.length === 0)
        return [];
    return [
        {
            code: 'sibling-clone',
            message: `the editable uses ${clone.dirName}; other clones of ${clone.repo} exist: ${siblings.map((s) => s.path).join(', ')}`,
            target: dist.installedFrom,
        },
    ];
}
/** What amplifier-core's fallback calls in the package it imports for a module without an entry point. */
const FALLBACK_ATTR = 'mount';
/**
 * `amplifier-module-tool-x` -> `tool-x`: the id amplifier-core gives an installed distribution without entry points
 * (it strips the prefix from the distribution name), so doctor judges such an editable as verify judges the module.
 */
function fallbackModuleId(normalizedDistName) {
    const match = /^amplifier-module-(.+)$/.exec(normalizedDistName);
    return match?.[1] ?? null;
}
/**
 * A module loaded through amplifier-core's fallback: ok when the conventional package imports (and, with the import
 * check, has `mount`), with a note saying so; a mismatch when it does not, since then nothing can load it.
 */
function importFallbackFindings(result, located, id) {
    const fallback = located.byImportName;
    const dist = located.dist;
    if (!fallback || !dist || result.specError)
        return [];
    const name = result.module;
    const declared = `pyproject.toml: [project.entry-points."amplifier.modules"] ${id} = "${conventionalImportName(id)}:${FALLBACK_ATTR}"`;
    const others = fallback.otherIds.join(', ');
    if (!result.found) {
        const fix = `declare it in ${declared}, or rename the package to ${name}, then reinstall`;
        const cannot = `Python cannot import '${name}', the package amplifier-core falls back to`;
        return [
            others
                ? {
                    code: 'entry-point-other-id',
                    message: `${dist.info.name} declares amplifier.modules entry point(s) ${others}, not '${id}', and ${cannot}`,
                    file: dist.info.dir,
                    fix: `use the id ${fallback.otherIds.join(' or ')} in the declaration, or ${fix}`,
                }
                : {
                    code: 'entry-point-missing',
                    message: `${dist.info.name} declares no amplifier.modules entry point '${id}' and ${cannot}`,
                    file: dist.info.dir,
                    fix,
                },
        ];
    }
    if (result.attrFound === false) {
        return [
            {
                code: 'mount-missing',
                message: `'${name}' imports but has no ${FALLBACK_ATTR}, which amplifier-core calls when it loads a module without an entry point`,
                fix: `define async def ${FALLBACK_ATTR}(coordinator, config) in ${name}, or declare an entry point in ${declared}`,
            },
        ];
    }
    const instead = others ? ` (it declares ${others} instead)` : '';
    return [
        {
            code: 'loaded-by-import-name',
            message: `${dist.info.name} has no amplifier.modules entry point '${id}'${instead}: amplifier-core will load it by importing '${name}' and calling its ${FALLBACK_ATTR}`,
            target: result.origin ?? undefined,
        },
    ];
}
async function probeFindings(result, located, input, fs, fix) {
    if (!result)
        return [];
    const expectedPath = input.expectedPath;
    const findings = importFallbackFindings(result, located, input.id);
    const name = result.module;
    if (result.specError) {
        findings.push({ code: 'find-spec-error', message: `find_spec('${name}') raised ${result.specError}`, fix });
        return findings;
    }
    // The fallback's own finding already says that nothing can load the module.
    if (!result.found && located.byImportName)
        return findings;
    if (!result.found) {
        if (located.entryPoint && !located.dist?.targets.some((t) => !t.exists)) {
            findings.push({
                code: 'entry-point-module-missing',
                message: `the entry point ${located.entryPoint.name} = ${located.entryPoint.value} names module '${name}', which the import system cannot find`,
                file: located.dist?.info.dir,
                fix: `fix the entry point in pyproject.toml or the package layout, then ${fix ?? 'reinstall'}`,
            });
        }
        else {
            findings.push({
                code: 'module-not-found',
                message: `find_spec('${name}') returns None: Python cannot import the module`,
                fix,
            });
        }
        return findings;
    }
    if (result.originExists === false && result.origin) {
        findings.push({
            code: 'origin-missing',
            message: `find_spec('${name}') names ${result.origin}, which does not exist (an import hook points at a removed directory)`,
            target: result.origin,
            fix,
        });
    }
    for (const location of result.locations) {
        if (location.exists)
            continue;
        findings.push({
            code: 'search-location-missing',
            message: `the package path ${location.path} of '${name}' does not exist`,
            target: location.path,
            fix,
        });
    }
    const where = result.origin ?? result.locations[0]?.path ?? null;
    if (expectedPath && where && result.originExists !== false && !(await isWithinAny(fs, where, expectedPath))) {
        findings.push({
            code: 'origin-other-dir',
            message: `Python imports '${name}' from ${where}, not from ${expectedPath}`,
            target: where,
            fix,
        });
    }
    if (result.importError) {
        findings.push({
            code: 'import-error',
            message: `import ${name} failed: ${result.importError}`,
            fix: 'install the missing dependency (reinstall without --no-deps) or fix the module code',
        });
    }
    else if (result.attrFound === false && located.entryPoint?.attr) {
        findings.push({
            code: 'entry-point-attr-missing',
            message: `module '${name}' has no attribute '${located.entryPoint.attr}' named by the entry point ${located.entryPoint.name}`,
            fix: `define ${located.entryPoint.attr} in ${name} or fix the entry point`,
        });
    }
    return findings;
}

;// CONCATENATED MODULE: ./lib/stages/audit/audit-modules.js
/**
 * The verify step: for each module, what the environment's files say (TypeScript scan) and what the import system
 * answers (one probe process), turned into a status and findings by the shared rules, each failure with the command
 * that fixes it. This file only orchestrates: locating (dist-index), judging (rules), probing (probe).
 */








/** The probe's answers by module name (first answer wins), built once per evaluation of a batch. */
function resultsOf(probe) {
    const byModule = new Map();
    for (const result of probe?.results ?? [])
        if (!byModule.has(result.module))
            byModule.set(result.module, result);
    return byModule;
}
/** What the files say, then what the import system said (`results`, awaited only where it is needed). */
async function evaluate(item, results, ctx) {
    const { fs } = ctx;
    const { input, located, importName } = item;
    const { dist } = located;
    const recorded = dist ? dist.targets.map((t) => t.target) : [];
    const reinstall = await reinstallChoice(fs, input, recorded, ctx.logger);
    const reinstallFrom = reinstall.path;
    const installer = ctx.installer ?? (dist?.info.installer === 'uv' ? 'uv' : 'pip');
    const fix = reinstallFrom ? reinstallFix(installer, ctx.session.environment.python, reinstallFrom) : undefined;
    const findings = [];
    if (input.installError) {
        findings.push({ code: 'install-failed', message: `the installer failed: ${input.installError}`, fix });
    }
    findings.push(...located.findings);
    if (!dist) {
        findings.push({
            code: 'not-installed',
            message: `no distribution in ${ctx.session.environment.prefix} provides the amplifier.modules entry point '${input.id}'`,
            target: input.expectedPath ?? undefined,
            fix: fix ?? 'fetch the module first (amplifier-modules warm), then install it',
        });
    }
    else {
        findings.push(...(await targetFindings(dist, input.expectedPath, fs, fix, reinstallFrom)));
        if (!input.expectedPath)
            findings.push(...(await siblingNotes(dist, fs)));
    }
    const result = importName === null ? undefined : (await results).get(importName);
    if (dist)
        findings.push(...(await probeFindings(result, located, input, fs, fix)));
    return {
        status: worstStatus(findings),
        findings,
        installedFrom: dist?.installedFrom ?? null,
        distribution: dist?.info.name ?? null,
        importName,
        origin: result?.origin ?? null,
        reinstallFrom,
        reinstallWhy: reinstall.why,
    };
}
function probeRequests(items) {
    const seen = new Map();
    for (const item of items) {
        if (item.importName === null || seen.has(item.importName))
            continue;
        const attr = item.located.entryPoint?.attr ?? (item.located.byImportName ? FALLBACK_ATTR : null);
        seen.set(item.importName, { module: item.importName, attr });
    }
    return [...seen.values()];
}
/** Site directories Python reports that the file layout did not reveal (a custom prefix, a shim). */
async function unknownSiteDirs(fs, known, reported) {
    const seen = new Set(await Promise.all(known.map(async (d) => (await fs.realpath(d)) ?? d)));
    const extra = [];
    for (const dir of reported) {
        const real = (await fs.realpath(dir)) ?? dir;
        if (!seen.has(real) && (await fs.stat(dir))?.isDirectory)
            extra.push(dir);
        seen.add(real);
    }
    return extra;
}
/**
 * One audit per located module, in order (doctor may list two distributions that claim the same id), and the probe's
 * answer they used. The interpreter is asked once about every import name, and the files are judged while it answers.
 */
async function evaluateEach(items, ctx, asked) {
    const results = asked.then(resultsOf);
    // `results` joins the Promise.all at once, so a failed probe is handled even before an evaluation awaits it.
    const [, audits] = await Promise.all([results, Promise.all(items.map((item) => evaluate(item, results, ctx)))]);
    return { audits, probe: await asked };
}
/** The audits keyed by module id; a repeated id keeps its first entry. */
function byModuleId(items, audits) {
    const out = new Map();
    items.forEach((item, index) => {
        const audit = audits[index];
        if (audit && !out.has(item.input.id))
            out.set(item.input.id, audit);
    });
    return out;
}
async function probeLocated(items, ctx) {
    const requests = probeRequests(items);
    if (requests.length === 0)
        return null;
    return runProbe(ctx.session, requests, ctx.importCheck);
}
async function scanAndLocate(modules, ctx) {
    const scan = await scanSitePackages(ctx.fs, ctx.session.environment.sitePackages);
    return { scan, located: await locateAll(modules, indexDistributions(scan), ctx.fs) };
}
/**
 * Scans the environment's files, locates every module from them, and asks the import system once about every module's
 * import name. The interpreter is started with the scan and reads its list when the scan has named the import names:
 * its start-up (site processing runs every editable finder) costs no time of its own. A site directory Python reports
 * that the file layout did not reveal (a custom prefix) is scanned too, and only the import names new to it cost a
 * second question.
 */
async function auditModules(modules, ctx) {
    const found = scanAndLocate(modules, ctx);
    const asked = runProbe(ctx.session, found.then(({ located }) => probeRequests(located)), ctx.importCheck);
    // Awaited below; when the scan fails the interpreter reads no list and ends, and the scan's error is the one thrown.
    asked.catch(() => undefined);
    const { scan, located } = await found;
    const { audits, probe } = await evaluateEach(located, ctx, asked);
    const extra = await unknownSiteDirs(ctx.fs, scan.sitePackages, probe.sitePackages);
    if (extra.length === 0)
        return byModuleId(located, audits);
    ctx.logger.debug(`also scanning site directories Python reports: ${extra.join(', ')}`);
    const wider = await scanSitePackages(ctx.fs, [...scan.sitePackages, ...extra]);
    const relocated = await locateAll(modules, indexDistributions(wider), ctx.fs);
    const again = await evaluateEach(relocated, ctx, withAnswersFor(probe, relocated, ctx));
    return byModuleId(relocated, again.audits);
}
/** The probe's answers plus answers for the import names it was not asked about yet. */
async function withAnswersFor(probe, items, ctx) {
    const probed = new Set(probe.results.map((r) => r.module));
    const missing = items.filter((i) => i.importName !== null && !probed.has(i.importName));
    const more = await probeLocated(missing, ctx);
    return more ? { ...probe, results: [...probe.results, ...more.results] } : probe;
}

;// CONCATENATED MODULE: ./lib/stages/audit/audit-editables.js
/**
 * The audit of every editable install in an environment, declared or not (what doctor checks), including `.pth` files
 * no distribution owns. Each editable is judged by the same rules as a declared module in verify.
 */




async function auditEditables(ctx) {
    const scan = await scanSitePackages(ctx.fs, ctx.session.environment.sitePackages);
    const items = [];
    const distOf = new Map();
    for (const dist of scan.dists) {
        if (!dist.editable)
            continue;
        const ids = dist.info.amplifierEntryPoints.map((ep) => ep.name);
        // No entry point but named like a module: amplifier-core loads it by its import name, and so it is judged.
        const fallbackId = ids.length === 0 ? fallbackModuleId(dist.info.key) : null;
        if (fallbackId !== null) {
            const input = {
                id: fallbackId,
                expectedPath: ctx.expected?.get(fallbackId) ?? null,
                origin: ctx.origins?.get(fallbackId) ?? null,
            };
            const item = locatedByImportName(input, dist);
            items.push(item);
            distOf.set(item, dist.info.name);
            continue;
        }
        for (const id of ids.length > 0 ? ids : [dist.info.name]) {
            const input = { id, expectedPath: ctx.expected?.get(id) ?? null, origin: ctx.origins?.get(id) ?? null };
            const item = locatedFromDist(input, dist);
            items.push(item);
            distOf.set(item, dist.info.name);
        }
    }
    const { audits } = await evaluateEach(items, ctx, probeLocated(items, ctx));
    const entries = [];
    items.forEach((item, index) => {
        const audit = audits[index];
        if (audit)
            entries.push({ id: item.input.id, distribution: distOf.get(item) ?? '', audit });
    });
    const orphans = [];
    for (const orphan of scan.orphans) {
        const missing = orphan.targets.filter((t) => !t.exists);
        if (missing.length === 0)
            continue;
        orphans.push({
            file: orphan.file,
            findings: missing.map((t) => ({
                code: 'orphan-pth',
                message: `${orphan.file} belongs to no installed distribution and points at ${t.target}, which does not exist`,
                file: orphan.file,
                target: t.target,
                fix: `delete it: ${commandText(['rm', '--', orphan.file])}`,
            })),
        });
    }
    return { entries, orphans };
}

;// CONCATENATED MODULE: ./lib/stages/install/amplifier-install-rules.js
/** The git-URL dependencies of a project that the environment already holds, pinned to the installed version. */
function gitDependencyPins(facts, installed) {
    return (facts?.dependencies ?? []).flatMap((dep) => {
        const version = installed.get(dep.key);
        return dep.url?.startsWith('git+') && version !== undefined ? [{ name: dep.key, version, url: dep.url }] : [];
    });
}
/** uv's overrides file: one `name==version` line per pinned distribution. */
function overridesText(pins) {
    return `${[...new Set(pins.map((pin) => `${pin.name}==${pin.version}`))].sort().join('\n')}\n`;
}
/** Every distribution name the projects mention (their own and their dependencies'): what to ask the environment. */
function namesToAsk(facts) {
    const names = new Set();
    for (const project of facts)
        for (const dep of project?.dependencies ?? [])
            names.add(dep.key);
    return [...names];
}

;// CONCATENATED MODULE: ./lib/stages/install/install-cause.js
/**
 * Why one project did not install, as data: a kind and its parameters, read from the installer's own output (or
 * from the project's files before the installer ran). Words for people are made from it in one place
 * (`causeSummary`, `causeRemedy`); no code decides anything by matching the wording.
 */
/** Causes that lie in the environment the build runs in, not in the project: every project built alike meets them. */
function isBuildEnvironmentCause(cause) {
    return (cause.kind === 'backend-unavailable' || cause.kind === 'build-module-missing' || cause.kind === 'wheel-missing');
}
/** The cause in one line. */
function causeSummary(cause) {
    switch (cause.kind) {
        case 'missing-directory':
            return 'the directory does not exist';
        case 'not-a-project':
            return 'no pyproject.toml, setup.py or setup.cfg';
        case 'invalid-pyproject':
            return `pyproject.toml is not valid TOML: ${cause.message}`;
        case 'installer-unstartable':
            return cause.message;
        case 'externally-managed':
            return 'the interpreter is externally managed (PEP 668): the installer refuses to install into it';
        case 'dependency-unavailable':
            return `needs ${cause.requirement}, which the installer cannot find`;
        case 'dependency-build-failed':
            return cause.backend
                ? `its dependency ${cause.dependency}${cause.url ? ` (${cause.url})` : ''} must be built, and that build's backend cannot be imported: ${cause.backend}`
                : `its dependency ${cause.dependency}${cause.url ? ` (${cause.url})` : ''} failed to build: ${cause.detail}`;
        case 'build-requirement-unavailable':
            return `the build requirement ${cause.requirement} cannot be installed`;
        case 'backend-unavailable':
            return `the build backend cannot be imported: ${cause.backend} (${cause.detail})`;
        case 'build-module-missing':
            return `the build imports '${cause.module}', which is not installed where the build runs`;
        case 'wheel-missing':
            return "setuptools cannot build an editable wheel without the 'wheel' package (error: invalid command 'bdist_wheel')";
        case 'requirements-unmet':
            return `installed without its dependencies, and these requirements are not met: ${cause.problems.join('; ')}`;
        case 'build-failed':
            return cause.summary;
        case 'installer-failed':
            return cause.summary;
    }
}
/** What to change, for a project at `dir` (the command that reproduces the failure is added by the caller). */
function causeRemedy(cause, dir) {
    switch (cause.kind) {
        case 'missing-directory':
            return 'fetch the module first (amplifier-modules warm), then install it';
        case 'not-a-project':
            return `${dir} is not a Python project: point the source at the directory that holds its pyproject.toml`;
        case 'invalid-pyproject':
            return `correct ${dir}/pyproject.toml`;
        case 'installer-unstartable':
            return 'make the installer runnable (install pip into the environment, or uv on PATH), or choose one with --installer';
        case 'externally-managed':
            return 'install into a virtual environment: create one (python3 -m venv .venv) and pass its interpreter with --python';
        case 'dependency-unavailable':
            return cause.name === 'amplifier-core'
                ? `install the Amplifier runtime (amplifier-core, ${cause.requirement}) into the environment first, as the Amplifier CLI's own environment holds it, or give the installer an index or --find-links that has it (--installer-arg=--find-links=DIR)`
                : `make ${cause.requirement} installable: give the installer an index or --find-links that has it (--installer-arg=--find-links=DIR), or install it into the environment first`;
        case 'dependency-build-failed':
            return `install ${cause.dependency} into the environment first (a prebuilt wheel): Amplifier then pins a git dependency to the installed version and never builds it from git`;
        case 'build-requirement-unavailable':
            return `make the build requirement ${cause.requirement} available to the installer (an index or --find-links it can reach), or build without isolation with it installed (--installer-arg=--no-build-isolation)`;
        case 'backend-unavailable':
            return `install the build backend (${cause.backend}) where the build runs: into the target environment when builds run with --no-build-isolation, or let the installer isolate the build`;
        case 'build-module-missing':
            return cause.module === 'editables'
                ? "hatchling's default editable mode imports 'editables' at build time: install it where the build runs (`pip install editables` into the target environment when builds run with --no-build-isolation), or let the installer isolate the build"
                : `make '${cause.module}' importable where the build runs (builds without isolation use the target environment)`;
        case 'wheel-missing':
            return "install 'wheel' into the target environment (`pip install wheel`), or let the installer isolate the build";
        case 'requirements-unmet':
            return 'install the missing requirements into the environment (or give the installer an index that has them)';
        case 'build-failed':
        case 'installer-failed':
            return `fix the build of ${dir}`;
    }
}

;// CONCATENATED MODULE: ./lib/stages/install/root-cause.js
/**
 * The first meaningful error of a failed editable build, read from pip's or uv's output. Both end with generic
 * lines (`error: metadata-generation-failed`, `hint: See above for details.`) that name nothing; the cause is the
 * exception the build backend raised (the last one of its traceback, which is the one that propagated), or the
 * error pip printed while installing the build requirements, or the build's own last words.
 * Also says when the cause lies outside the project (the backend or a build requirement is missing), because then
 * every other project built the same way fails the same way and need not be tried one by one.
 */


// `ModuleNotFoundError: No module named 'x'`, `pip._vendor.tomli.TOMLDecodeError: ...`, `SystemExit: ...`
const EXCEPTION_LINE = /^\s*(?:[A-Za-z_]\w*\.)*([A-Z][A-Za-z0-9]*(?:Error|Exception|Unavailable|Exit)): ?(.*)$/;
const BLOCK_START = /^\s*(?:╰─>|\[stderr\]|\[stdout\])/;
const BLOCK_END = /^\s*\[end of output\]\s*$/;
const PIP_ERROR = /^\s*ERROR: (?!Exception:$)(.+)$/;
const MISSING_REQUIREMENT = /Could not find a version that satisfies the requirement ([A-Za-z0-9][A-Za-z0-9._-]*)/;
const UV_MISSING_REQUIREMENT = /Because ([A-Za-z0-9][A-Za-z0-9._-]*) was not found in the (?:package registry|provided package locations)/;
const MISSING_MODULE = /^No module named '([^']+)'/;
const FRAME_FILE = /^\s*File "([^"]+)", line \d+/;
// Lines that only say that something failed, never what.
const GENERIC = /^\s*(?:error: subprocess-exited-with-error|error: metadata-generation-failed|[×╰│├].*|note: .*|hint: .*|exit code: \d+|\[end of output\]|\[\d+ lines of output\].*|ERROR: Exception:)\s*$/;
/** The captured outputs of build subprocesses (pip's `╰─> [N lines of output]`, uv's `[stderr]` sections). */
function capturedBlocks(lines) {
    const blocks = [];
    let current = null;
    for (const line of lines) {
        if (BLOCK_START.test(line)) {
            if (current)
                blocks.push({ lines: current });
            current = [];
            continue;
        }
        if (!current)
            continue;
        if (BLOCK_END.test(line) || /^\s*hint: /.test(line)) {
            blocks.push({ lines: current });
            current = null;
            continue;
        }
        current.push(line);
    }
    if (current)
        blocks.push({ lines: current });
    return blocks.filter((block) => block.lines.some((line) => line.trim() !== ''));
}
function lastException(lines) {
    for (let at = lines.length - 1; at >= 0; at--) {
        const match = EXCEPTION_LINE.exec(lines[at] ?? '');
        // A wrapper whose message is the inner traceback's header names nothing by itself.
        if (match && !/^Traceback \(most recent call last\)/.test(match[2] ?? ''))
            return { name: match[1] ?? '', message: (match[2] ?? '').trim(), at };
    }
    return null;
}
/** True when a traceback frame lies in the project (its setup.py, `<string>` for an exec'd setup.py, its files). */
function tracebackTouchesProject(lines, projectDir) {
    return lines.some((line) => {
        const file = FRAME_FILE.exec(line)?.[1];
        if (file === undefined || /^<frozen /.test(file))
            return false;
        return !(0,external_node_path_.isAbsolute)(file) || isWithin(file, projectDir);
    });
}
/** Up to `count` lines of output ending at `end` (the cause), without Python's `^^^^` underline lines. */
function excerptOf(lines, end, count = 6) {
    return lines
        .slice(0, end + 1)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !/^[\^~]+$/.test(line))
        .slice(-count)
        .join('\n');
}
function describeException(name, message, backendUnavailable) {
    if (name === 'TOMLDecodeError')
        return `pyproject.toml is not valid TOML: ${message}`;
    if (name === 'SystemExit')
        return `the build stopped: ${message}`;
    const text = `${name}: ${message}`;
    return backendUnavailable ? `the build backend cannot be imported: ${text}` : text;
}
/** The root cause of a failed install of `projectDir`, from the installer's whole output. */
function rootCause(output, projectDir) {
    const lines = output.split(/\r?\n/).map((line) => line.trimEnd());
    const backendUnavailable = lines.some((line) => /BackendUnavailable\b/.test(line));
    const requirementLine = lines.find((line) => MISSING_REQUIREMENT.test(line) || UV_MISSING_REQUIREMENT.test(line));
    if (requirementLine) {
        const requirement = MISSING_REQUIREMENT.exec(requirementLine)?.[1] ?? UV_MISSING_REQUIREMENT.exec(requirementLine)?.[1] ?? '';
        return {
            summary: `a build requirement cannot be installed: ${requirementLine.trim().replace(/^ERROR: /, '')}`,
            excerpt: requirementLine.trim(),
            shared: { kind: 'build-requirement-missing', requirement },
        };
    }
    for (const block of capturedBlocks(lines)) {
        const exception = lastException(block.lines);
        if (exception) {
            const module = MISSING_MODULE.exec(exception.message)?.[1];
            const shared = backendUnavailable
                ? { kind: 'backend-unavailable' }
                : module && !tracebackTouchesProject(block.lines, projectDir)
                    ? { kind: 'build-module-missing', module }
                    : null;
            return {
                summary: describeException(exception.name, exception.message, backendUnavailable),
                excerpt: excerptOf(block.lines, exception.at),
                shared,
            };
        }
        const pipError = block.lines.find((line) => PIP_ERROR.test(line));
        const meaningful = block.lines.filter((line) => line.trim() !== '' && !GENERIC.test(line));
        const last = pipError ?? meaningful[meaningful.length - 1];
        if (last !== undefined) {
            return {
                summary: last.trim().replace(/^ERROR: /, ''),
                excerpt: excerptOf(meaningful, meaningful.length - 1),
                shared: null,
            };
        }
    }
    // pip's own exception (e.g. a pyproject.toml it cannot parse, a backend it cannot import) is printed unwrapped.
    const exception = lastException(lines);
    if (exception) {
        return {
            summary: describeException(exception.name, exception.message, backendUnavailable),
            excerpt: excerptOf(lines, exception.at),
            shared: backendUnavailable ? { kind: 'backend-unavailable' } : null,
        };
    }
    const errorLine = lines.find((line) => (PIP_ERROR.test(line) || /^\s*error: /.test(line)) && !GENERIC.test(line));
    const meaningful = lines.filter((line) => line.trim() !== '' && !GENERIC.test(line));
    const last = errorLine ?? meaningful[meaningful.length - 1] ?? 'the installer failed without saying why';
    return {
        summary: last.trim().replace(/^(?:ERROR|error): /, ''),
        excerpt: excerptOf(meaningful, meaningful.length - 1),
        shared: null,
    };
}

;// CONCATENATED MODULE: ./lib/stages/install/failure-cause.js

const NOT_FOUND = /Could not find a version that satisfies the requirement (\S+)/;
const failure_cause_MISSING_MODULE = /No module named '([^']+)'/;
const GIT_FAILED = /^\s*(?:fatal|error): .*$/m;
/** The cause of the failure in `text` (the output from the subject's first line on), and the lines that show it. */
function buildFailure(text, subject) {
    // One reading of the build's output serves the cause and its excerpt.
    const found = rootCause(text, subject.kind === 'project' ? subject.dir : '/');
    return { cause: causeOf(text, subject, found), excerpt: found.excerpt };
}
function causeOf(text, subject, found) {
    const lines = text.split(/\r?\n/);
    const buildDeps = lines.findIndex((line) => /Installing build dependencies: .*error|pip subprocess to install build dependencies did not run successfully/.test(line));
    if (buildDeps >= 0) {
        const missing = lines
            .slice(buildDeps)
            .map((line) => NOT_FOUND.exec(line)?.[1])
            .find((r) => r !== undefined);
        if (missing) {
            return subject.kind === 'project'
                ? { kind: 'build-requirement-unavailable', requirement: missing }
                : {
                    kind: 'dependency-build-failed',
                    dependency: subject.name,
                    url: subject.url,
                    backend: null,
                    detail: `its build requirement ${missing} cannot be installed`,
                };
        }
    }
    if (subject.kind === 'dependency' && /×\s*git clone .*did not run successfully/.test(text)) {
        const said = GIT_FAILED.exec(text)?.[0]?.trim();
        return {
            kind: 'dependency-build-failed',
            dependency: subject.name,
            url: subject.url,
            backend: null,
            detail: `git could not clone it${said ? `: ${said}` : ''}`,
        };
    }
    if (/invalid command 'bdist_wheel'/.test(text))
        return ownOrDependency({ kind: 'wheel-missing' }, subject, found.summary);
    const missingModule = failure_cause_MISSING_MODULE.exec(found.summary)?.[1];
    if (found.shared?.kind === 'backend-unavailable') {
        const backend = missingModule ?? found.summary;
        return subject.kind === 'project'
            ? { kind: 'backend-unavailable', backend, detail: found.summary }
            : { kind: 'dependency-build-failed', dependency: subject.name, url: subject.url, backend, detail: found.summary };
    }
    if (found.shared?.kind === 'build-module-missing' && missingModule) {
        return ownOrDependency({ kind: 'build-module-missing', module: missingModule }, subject, found.summary);
    }
    if (/^pyproject\.toml is not valid TOML: /.test(found.summary) && subject.kind === 'project') {
        return { kind: 'invalid-pyproject', message: found.summary.replace(/^pyproject\.toml is not valid TOML: /, '') };
    }
    return subject.kind === 'project'
        ? { kind: 'build-failed', summary: found.summary }
        : {
            kind: 'dependency-build-failed',
            dependency: subject.name,
            url: subject.url,
            backend: null,
            detail: found.summary,
        };
}
/** A build-environment cause met while building a dependency is that dependency's failed build. */
function ownOrDependency(cause, subject, summary) {
    if (subject.kind === 'project')
        return cause;
    return {
        kind: 'dependency-build-failed',
        dependency: subject.name,
        url: subject.url,
        backend: null,
        detail: summary,
    };
}

;// CONCATENATED MODULE: ./lib/stages/install/pyproject.js
/**
 * What the install step needs to know of a project before building it, read from its `pyproject.toml` with a TOML
 * parser: the distribution name, its runtime requirements (with the URL of a `name @ git+...` requirement), the
 * build backend and build requirements, and whether the file declares a package at all (`[project]` or
 * `[build-system]`, the test Amplifier's `Bundle.prepare` uses before installing a bundle's own package).
 */


const LEGACY_BACKEND = 'setuptools.build_meta:__legacy__';
/** PEP 503: lower case, runs of `-`, `_` and `.` as one `-`. */
function normalizeName(name) {
    return name.toLowerCase().replace(/[-_.]+/g, '-');
}
/** PEP 508's name at the start of a requirement, and the URL after `@` for a direct reference. */
function parseRequirement(text) {
    const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(@\s*(\S+))?/.exec(text);
    const name = match?.[1];
    if (name === undefined)
        return null;
    const url = match?.[3]?.replace(/;.*$/, '') ?? null;
    return { text, key: normalizeName(name), url };
}
function pyproject_table(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : null;
}
function strings(value) {
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}
/** The facts of a pyproject.toml's text; throws the parser's error (with line and column) when it is not TOML. */
function parsePyproject(text) {
    const doc = (0,dist/* parse */.qg)(text);
    const project = pyproject_table(doc.project);
    const buildSystem = pyproject_table(doc['build-system']);
    const hatchBuild = pyproject_table(pyproject_table(pyproject_table(doc.tool)?.hatch)?.build);
    const name = typeof project?.name === 'string' ? project.name : null;
    const backend = buildSystem?.['build-backend'];
    return {
        name,
        dependencies: strings(project?.dependencies)
            .map(parseRequirement)
            .filter((r) => r !== null),
        backend: typeof backend === 'string' ? backend : LEGACY_BACKEND,
        buildRequires: strings(buildSystem?.requires)
            .map((r) => parseRequirement(r)?.key)
            .filter((key) => key !== undefined)
            .sort(),
        hatchDevModeDirs: hatchBuild !== null && 'dev-mode-dirs' in hatchBuild,
        declaresPackage: project !== null || buildSystem !== null,
    };
}
/** The parser's first line, with where it stopped (smol-toml's errors carry line and column). */
function tomlErrorText(error) {
    if (!(error instanceof Error))
        return String(error);
    const first = error.message.split('\n')[0] ?? error.message;
    const { line, column } = error;
    return typeof line === 'number' && typeof column === 'number' ? `${first} at line ${line}, column ${column}` : first;
}
/** How `dir` builds: its pyproject.toml's facts, a legacy setup.py/setup.cfg project, an unreadable file, or none. */
async function readProject(fs, dir) {
    const file = (0,external_node_path_.join)(dir, 'pyproject.toml');
    if ((await fs.stat(file))?.isFile) {
        try {
            return { kind: 'pyproject', facts: parsePyproject((await fs.readFile(file)).toString('utf8')) };
        }
        catch (error) {
            return { kind: 'invalid', message: tomlErrorText(error) };
        }
    }
    for (const legacy of ['setup.py', 'setup.cfg']) {
        if ((await fs.stat((0,external_node_path_.join)(dir, legacy)))?.isFile)
            return { kind: 'legacy' };
    }
    return { kind: 'none' };
}
/** The facts a legacy project implies for grouping builds: setuptools' legacy backend, nothing else known. */
const LEGACY_FACTS = {
    name: null,
    dependencies: [],
    backend: LEGACY_BACKEND,
    buildRequires: [],
    hatchDevModeDirs: false,
    declaresPackage: true,
};

;// CONCATENATED MODULE: ./lib/stages/install/installer-output.js
/**
 * Which projects of a failed batch the installer's own output blames, and why. pip prints what it works on before
 * it fails: `Obtaining file:///dir` (a project of the batch), `Collecting name @ url (from dist)` (a dependency,
 * with the distribution that wants it), `Building editable for name` (the wheel phase, one per project), and names
 * the wanting distribution of a requirement it cannot find. uv names the project in `Failed to build` and the
 * wanting distribution in its resolver's explanation. A dependency's failure is blamed on the projects that want
 * it, never on the last directory mentioned; when the output names no project, the caller splits the batch.
 */



const PIP_NOT_FOUND = /^ERROR: Could not find a version that satisfies the requirement (\S+)(?: \(from ([^)]+)\))?(.*)$/;
const UV_NOT_FOUND = /Because (\S+) was not found in the (?:package registry|provided package locations) and (\S+?)==\S+ depends on (\S+?),/;
const OBTAINING = /^Obtaining (file:\/\/\S+)/;
const COLLECTING = /^Collecting (\S+?)(?:\s*@\s*(\S+))?(?: \(from ([^)]+)\))?$/;
const BUILDING_FAILED = /^\s*Building (?:editable|wheel) for (\S+) \([^)]*\)(?::? .*)?(?:error|finished with status 'error')$/;
const UV_FAILED_BUILD = /Failed to (?:build|download and build) `(\S+) @ (\S+)`/;
const CONFLICT = /^ERROR: Cannot install (.+?) because these package versions have conflicting dependencies/;
const FAILURE_START = /^(?:\s*error: subprocess-exited-with-error|ERROR: Exception:|ERROR: (?!Could not find|No matching))/;
function blameOutput(output, batch, installed) {
    const lines = output.split(/\r?\n/).map((line) => line.trimEnd());
    if (lines.some((line) => /externally-managed-environment/.test(line))) {
        return { kind: 'environment', cause: { kind: 'externally-managed' }, excerpt: '' };
    }
    const projects = new Projects(batch, lines);
    const blamed = new Map();
    const blame = (dirs, cause, excerpt) => {
        for (const dir of dirs)
            if (!blamed.has(dir))
                blamed.set(dir, { cause, excerpt });
    };
    const blameBuild = (dirs, text, subject) => {
        const { cause, excerpt } = buildFailure(text, subject);
        blame(dirs, cause, excerpt);
    };
    for (const line of lines) {
        const pip = PIP_NOT_FOUND.exec(line);
        const uv = UV_NOT_FOUND.exec(line);
        if (!pip && !uv)
            continue;
        const requirement = pip?.[1] ?? uv?.[3] ?? '';
        const name = parseRequirement(requirement)?.key ?? normalizeName(requirement);
        const wantedBy = pip ? (pip[2] ?? null) : (uv?.[2] ?? null);
        const noVersionAtAll = /\(from versions: none\)/.test(pip?.[3] ?? '') || uv !== null;
        for (const dir of projects.wanting(name, wantedBy, noVersionAtAll && !installed.has(name))) {
            // Each project is told its own requirement on the name (one wants >=1.2.1, another >=1.4.0).
            const own = projects.requirementOf(dir, name) ?? requirement;
            blame([dir], { kind: 'dependency-unavailable', requirement: own, name }, line.trim());
        }
    }
    for (const [at, line] of lines.entries()) {
        const failed = BUILDING_FAILED.exec(line);
        const uv = UV_FAILED_BUILD.exec(line);
        const subject = failed
            ? projects.subjectNamed(failed[1] ?? '')
            : uv
                ? projects.subjectAt(uv[2] ?? '', uv[1] ?? '')
                : null;
        if (!subject)
            continue;
        const text = lines.slice(at, nextSubjectLine(lines, at + 1)).join('\n');
        blameBuild(projects.owners(subject), text, subject);
    }
    for (const line of lines) {
        const conflict = CONFLICT.exec(line);
        if (!conflict?.[1])
            continue;
        // pip's resolver found the batch's requirements irreconcilable: each project it names is set aside with it.
        const names = conflict[1].split(/, | and /).map((name) => parseRequirement(name)?.key ?? name);
        const dirs = names
            .map((name) => projects.subjectNamed(name))
            .flatMap((s) => (s?.kind === 'project' ? [s.dir] : []));
        // pip names what conflicts under "The conflict is caused by:", one `x 1.0 depends on y>=2` line each.
        const header = lines.indexOf('The conflict is caused by:');
        const why = header < 0 ? [] : lines.slice(header + 1).filter((l) => / depends on /.test(l));
        const summary = why.length > 0 ? why.map((l) => l.trim()).join('; ') : line.replace(/^ERROR: /, '');
        blame(dirs, { kind: 'installer-failed', summary: `its requirements conflict: ${summary}` }, line);
    }
    if (blamed.size === 0) {
        const start = lines.findIndex((line) => FAILURE_START.test(line));
        const marker = start < 0 ? -1 : lastSubjectLine(lines, start);
        const subject = marker < 0 ? null : projects.subjectOfLine(lines[marker] ?? '');
        if (subject) {
            const text = lines.slice(marker).join('\n');
            blameBuild(projects.owners(subject), text, subject);
        }
    }
    return { kind: 'projects', blamed };
}
function isSubjectLine(line) {
    return OBTAINING.test(line) || COLLECTING.test(line) || BUILDING_FAILED.test(line);
}
function nextSubjectLine(lines, from) {
    for (let at = from; at < lines.length; at++)
        if (/^\s*Building (?:editable|wheel) for /.test(lines[at] ?? ''))
            return at;
    return lines.length;
}
function lastSubjectLine(lines, before) {
    for (let at = before; at >= 0; at--)
        if (isSubjectLine(lines[at] ?? ''))
            return at;
    return -1;
}
/** The batch's projects by directory and distribution name, and who wants which dependency. */
class Projects {
    batch;
    byName = new Map();
    dirs = new Set();
    /** dependency name -> the distribution pip said wanted it (`Collecting x (from y)`). */
    parent = new Map();
    constructor(batch, lines) {
        this.batch = batch;
        for (const { dir, facts } of batch) {
            this.dirs.add(dir);
            if (facts?.name)
                this.byName.set(normalizeName(facts.name), dir);
        }
        for (const line of lines) {
            const collecting = COLLECTING.exec(line);
            const from = collecting?.[3] ? parseRequirement(collecting[3])?.key : undefined;
            const name = collecting?.[1] ? parseRequirement(collecting[1])?.key : undefined;
            if (name && from && !this.parent.has(name))
                this.parent.set(name, from);
        }
    }
    /** The project of the batch a distribution name belongs to, following pip's `(from ...)` chain up to one. */
    ownerOf(name) {
        const seen = new Set();
        let current = name;
        while (current !== undefined && !seen.has(current)) {
            const dir = this.byName.get(current);
            if (dir)
                return dir;
            seen.add(current);
            current = this.parent.get(current);
        }
        return null;
    }
    /** Projects that want `name`: the one pip named, else every project requiring it directly. */
    wanting(name, wantedBy, everyRequirer) {
        const named = wantedBy ? this.ownerOf(parseRequirement(wantedBy)?.key ?? normalizeName(wantedBy)) : null;
        const requirers = this.batch
            // A requirement by URL is fetched from its URL, not looked up in the index: it does not fail this way.
            .filter(({ facts }) => facts?.dependencies.some((dep) => dep.key === name && dep.url === null))
            .map(({ dir }) => dir);
        if (everyRequirer)
            return [...new Set([...(named ? [named] : []), ...requirers])];
        return named ? [named] : requirers;
    }
    /** The requirement on `name` as `dir`'s pyproject.toml writes it. */
    requirementOf(dir, name) {
        const facts = this.batch.find((project) => project.dir === dir)?.facts;
        return facts?.dependencies.find((dep) => dep.key === name && dep.url === null)?.text.trim() ?? null;
    }
    subjectNamed(name) {
        const key = parseRequirement(name)?.key ?? normalizeName(name);
        const dir = this.byName.get(key);
        return dir ? { kind: 'project', dir } : { kind: 'dependency', name: key, url: null };
    }
    subjectAt(url, name) {
        const dir = url.startsWith('file://') ? (0,external_node_url_.fileURLToPath)(url) : null;
        if (dir && this.dirs.has(dir))
            return { kind: 'project', dir };
        return { kind: 'dependency', name: normalizeName(name), url };
    }
    subjectOfLine(line) {
        const obtaining = OBTAINING.exec(line);
        if (obtaining?.[1]) {
            const dir = (0,external_node_url_.fileURLToPath)(obtaining[1]);
            return this.dirs.has(dir) ? { kind: 'project', dir } : null;
        }
        const collecting = COLLECTING.exec(line);
        if (collecting?.[1]) {
            const key = parseRequirement(collecting[1])?.key ?? normalizeName(collecting[1]);
            return { kind: 'dependency', name: key, url: collecting[2] ?? null };
        }
        const building = BUILDING_FAILED.exec(line);
        return building?.[1] ? this.subjectNamed(building[1]) : null;
    }
    /** The projects a subject's failure belongs to: the project itself, or every project wanting the dependency. */
    owners(subject) {
        if (subject.kind === 'project')
            return [subject.dir];
        const owner = this.ownerOf(subject.name);
        if (owner)
            return [owner];
        return (this.batch
            // A dependency pip fetched by URL is wanted by the projects that name it by URL.
            .filter(({ facts }) => facts?.dependencies.some((dep) => dep.key === subject.name && (subject.url === null || dep.url !== null)))
            .map(({ dir }) => dir));
    }
}

;// CONCATENATED MODULE: ./lib/stages/install/batch-install.js
/**
 * One installer run for the whole batch; when it fails, the projects the output blames are set aside with their
 * own causes and the rest is installed in one more run, until what remains installs. A cause that lies in the build
 * environment (a missing backend, `editables`, `wheel`) is given at once to every other project built the same way,
 * so it costs no run per project. When the output blames nobody, the batch is split in two. Each run sets aside at
 * least one project, so a batch with k bad projects costs at most k + 1 runs plus the splits.
 */



function builtAlike(a, b) {
    if (!a || !b)
        return false;
    return (a.backend === b.backend &&
        a.hatchDevModeDirs === b.hatchDevModeDirs &&
        a.buildRequires.length === b.buildRequires.length &&
        a.buildRequires.every((name, index) => name === b.buildRequires[index]));
}
/** Installs `dirs`; returns the failures by directory (every other directory installed). */
async function installBatch(dirs, ctx) {
    const failed = new Map();
    const projects = (list) => list.map((dir) => ({ dir, facts: ctx.facts.get(dir) ?? null }));
    const install = async (batch) => {
        let pending = [...batch];
        while (pending.length > 0) {
            const attempt = await ctx.run(pending);
            if (attempt.ok)
                return;
            if (attempt.unstartable) {
                for (const dir of pending) {
                    failed.set(dir, {
                        cause: { kind: 'installer-unstartable', message: attempt.output },
                        excerpt: '',
                        sameCauseAs: null,
                    });
                }
                return;
            }
            const blame = blameOutput(attempt.output, projects(pending), ctx.installed);
            if (blame.kind === 'environment') {
                for (const dir of pending)
                    failed.set(dir, { cause: blame.cause, excerpt: blame.excerpt, sameCauseAs: null });
                return;
            }
            const blamed = [...blame.blamed].filter(([dir]) => pending.includes(dir));
            if (blamed.length === 0) {
                const [only] = pending;
                if (pending.length === 1 && only !== undefined) {
                    const found = rootCause(attempt.output, only);
                    failed.set(only, {
                        cause: { kind: 'installer-failed', summary: found.summary },
                        excerpt: found.excerpt,
                        sameCauseAs: null,
                    });
                    return;
                }
                const half = Math.ceil(pending.length / 2);
                await install(pending.slice(0, half));
                await install(pending.slice(half));
                return;
            }
            for (const [dir, { cause, excerpt }] of blamed)
                failed.set(dir, { cause, excerpt, sameCauseAs: null });
            for (const [dir, { cause, excerpt }] of blamed) {
                if (!isBuildEnvironmentCause(cause))
                    continue;
                for (const other of pending) {
                    if (!failed.has(other) && builtAlike(ctx.facts.get(dir), ctx.facts.get(other))) {
                        failed.set(other, { cause, excerpt, sameCauseAs: dir });
                    }
                }
            }
            pending = pending.filter((dir) => !failed.has(dir));
        }
    };
    await install(dirs);
    return failed;
}

;// CONCATENATED MODULE: ./lib/stages/install/environment-distributions.js

const VERSIONS_SCRIPT = `import json, sys
from importlib import metadata
found = {}
for name in json.load(sys.stdin):
    try:
        found[name] = metadata.version(name)
    except Exception:
        pass
print(json.dumps(found))`;
/** Installed versions by normalised name; an interpreter that cannot answer is taken to hold none of them. */
async function installedVersions(session, names) {
    const unique = [...new Set(names.map(normalizeName))];
    if (unique.length === 0)
        return new Map();
    const result = await session.run(['-I', '-c', VERSIONS_SCRIPT], { input: JSON.stringify(unique), timeoutMs: 60_000 });
    if (result.code !== 0)
        return new Map();
    try {
        const parsed = JSON.parse(result.stdout);
        return new Map(Object.entries(parsed).flatMap(([name, version]) => typeof version === 'string' ? [[normalizeName(name), version]] : []));
    }
    catch {
        return new Map();
    }
}
// `x 1.0 requires y, which is not installed.` / `x 1.0 has requirement y>=2, but you have y 1.0.`
const CHECK_LINE = /^(\S+) \S+ (?:requires|has requirement) (.+?)\.?$/;
/** `pip check`'s problems for each of `names` (normalised), read from its one line per broken requirement. */
async function unmetRequirements(session, names) {
    const wanted = new Set(names.map(normalizeName));
    const problems = new Map();
    if (wanted.size === 0)
        return problems;
    const result = await session.run(['-m', 'pip', 'check'], { timeoutMs: 120_000 });
    for (const line of result.stdout.split(/\r?\n/)) {
        const match = CHECK_LINE.exec(line.trim());
        const name = match?.[1] ? normalizeName(match[1]) : null;
        if (name && match?.[2] && wanted.has(name))
            problems.set(name, [...(problems.get(name) ?? []), match[2]]);
    }
    return problems;
}

;// CONCATENATED MODULE: ./lib/stages/install/installer-choice.js
/**
 * uv when it is on PATH (what the Amplifier CLI itself uses), else pip through the target interpreter;
 * `--installer uv|pip` forces one.
 */



async function selectInstaller(choice, env, fs, platform = process.platform, w = CLI_WORDING) {
    if (choice === 'pip')
        return { installer: 'pip', uv: null };
    const uv = await findOnPath('uv', env, fs, platform === 'win32');
    if (uv)
        return { installer: 'uv', uv };
    if (choice === 'uv') {
        throw new errors/* InputError */.dz('usage', `${w.set('installer', 'uv')}: uv is not on PATH`, {
            fix: `install uv (e.g. astral-sh/setup-uv in a workflow) or ${w.give('installer', 'pip')}`,
        });
    }
    return { installer: 'pip', uv: null };
}

;// CONCATENATED MODULE: ./lib/stages/install/installer-progress.js
const DEFAULT_HEARTBEAT_MS = 15_000;
function watchInstaller(logger, heartbeatMs) {
    let partial = '';
    let beats = 0;
    const heartbeat = setInterval(() => {
        beats += 1;
        logger.info(`still installing (${Math.round((beats * heartbeatMs) / 1000)} s so far)`);
    }, heartbeatMs);
    heartbeat.unref();
    const emit = (line) => {
        const trimmed = line.replace(/\r$/, '');
        if (trimmed.trim() !== '')
            logger.debug(`installer: ${trimmed}`);
    };
    return {
        onOutput(text) {
            const lines = `${partial}${text}`.split('\n');
            partial = lines.pop() ?? '';
            for (const line of lines)
                emit(line);
        },
        stop() {
            clearInterval(heartbeat);
            if (partial !== '')
                emit(partial);
            partial = '';
        },
    };
}
/** `AMPLIFIER_MODULES_HEARTBEAT_SECONDS` from the passed environment, else the default; a bad value is ignored. */
function heartbeatMsFrom(value) {
    const seconds = value === undefined ? Number.NaN : Number(value);
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_HEARTBEAT_MS;
}

;// CONCATENATED MODULE: ./lib/stages/install/module-transport.js
/**
 * Non-Python modules declare `[module] transport = "wasm" | "grpc" | "rust"` in `amplifier.toml` (docs/formats.md) and
 * are not pip-installed; everything else is a Python project.
 */


const NON_PYTHON_TRANSPORTS = ['wasm', 'grpc', 'rust'];
/** The `transport` value of the `[module]` table, or null when there is none (or the file is not TOML). */
function parseTransport(text) {
    try {
        const module = (0,dist/* parse */.qg)(text).module;
        const transport = module !== null && typeof module === 'object' ? module.transport : null;
        return typeof transport === 'string' ? transport.trim() : null;
    }
    catch {
        return null;
    }
}
async function readModuleTransport(fs, dir) {
    const file = (0,external_node_path_.join)(dir, 'amplifier.toml');
    if (!(await fs.stat(file))?.isFile)
        return null;
    return parseTransport((await fs.readFile(file)).toString('utf8'));
}

;// CONCATENATED MODULE: ./lib/stages/install/install-modules.js
/**
 * The install step: ONE installer call for the Python projects (pip and uv both resolve a batch faster than one
 * call per project), under Amplifier's own install rules. A failed batch installs nothing, so the projects the
 * output blames are set aside with their own causes and the rest installed again (batch-install.ts): one broken
 * module never fails another.
 */









/** Reads each directory: not Python (skipped), missing or unreadable (failed without running), or to install. */
async function prepare(requests, fs) {
    const prepared = { skipped: [], failed: [], facts: new Map(), owners: new Map() };
    const fail = (request, cause) => prepared.failed.push({ ...request, cause, excerpt: '', reproduce: null, sameCauseAs: null });
    for (const request of requests) {
        const transport = await readModuleTransport(fs, request.path);
        if (transport !== null && NON_PYTHON_TRANSPORTS.includes(transport)) {
            prepared.skipped.push({
                ...request,
                reason: `amplifier.toml declares transport = "${transport}": not a Python package`,
            });
            continue;
        }
        if (!(await fs.stat(request.path))?.isDirectory) {
            fail(request, { kind: 'missing-directory' });
            continue;
        }
        const project = await readProject(fs, request.path);
        if (project.kind === 'none')
            fail(request, { kind: 'not-a-project' });
        else if (project.kind === 'invalid')
            fail(request, { kind: 'invalid-pyproject', message: project.message });
        else {
            prepared.facts.set(request.path, project.kind === 'pyproject' ? project.facts : LEGACY_FACTS);
            prepared.owners.set(request.path, [...(prepared.owners.get(request.path) ?? []), request]);
        }
    }
    return prepared;
}
async function installModules(requests, ctx) {
    const selected = await selectInstaller(ctx.installer, ctx.env, ctx.fs, ctx.platform, ctx.wording);
    const { skipped, failed, facts, owners } = await prepare(requests, ctx.fs);
    const commands = [];
    const env = { ...ctx.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
    const versions = owners.size === 0 ? new Map() : await installedVersions(ctx.session, namesToAsk(facts.values()));
    const pins = new Map([...owners.keys()].map((dir) => [dir, gitDependencyPins(facts.get(dir) ?? null, versions)]));
    const overrides = [...pins.values()].flat();
    const overridesDir = selected.installer === 'uv' && overrides.length > 0 ? await ctx.fs.mkdtemp('amplifier-modules-overrides-') : null;
    const overridesFile = overridesDir ? (0,external_node_path_.join)(overridesDir, 'overrides.txt') : undefined;
    if (overridesFile)
        await ctx.fs.writeFile(overridesFile, overridesText(overrides));
    const commandFor = (dirs, noDeps) => buildInstallCommand({
        installer: selected.installer,
        uv: selected.uv ?? undefined,
        python: ctx.session.environment.python,
        dirs,
        extraArgs: ctx.extraArgs,
        noDeps,
        overridesFile,
    });
    const runner = (noDeps) => async (dirs) => {
        const line = commandFor(dirs, noDeps);
        commands.push(line);
        ctx.logger.info(`installing ${dirs.length === 1 ? '1 module' : `${dirs.length} modules`}: ${foldedCommandLine(line)}`);
        ctx.logger.debug(formatCommandLine(line));
        const watch = watchInstaller(ctx.logger, ctx.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
        const options = { env, timeoutMs: ctx.timeoutMs ?? 900_000, onOutput: watch.onOutput };
        // pip is the environment's own interpreter, started as every other question to it is; uv is a tool beside it,
        // run in the same working directory (a shim picks its Python from there).
        const started = selected.installer === 'pip'
            ? ctx.session.run(line.args, options)
            : ctx.exec.run(line.command, line.args, { ...options, cwd: ctx.session.workspace });
        const result = await started.finally(watch.stop);
        if (result.spawnError)
            return { ok: false, unstartable: true, output: `cannot run ${line.command}: ${result.spawnError}` };
        return { ok: result.code === 0, unstartable: false, output: `${result.stdout}\n${result.stderr}` };
    };
    const installed = new Set(versions.keys());
    // pip cannot pin a git dependency to what is installed: such projects go in a batch of their own, without deps.
    const withoutDepsDirs = selected.installer === 'pip' ? [...owners.keys()].filter((dir) => (pins.get(dir) ?? []).length > 0) : [];
    const plainDirs = [...owners.keys()].filter((dir) => !withoutDepsDirs.includes(dir));
    const failures = new Map();
    try {
        for (const [dirs, noDeps] of [
            [plainDirs, false],
            [withoutDepsDirs, true],
        ]) {
            if (dirs.length === 0)
                continue;
            const batchFailures = await installBatch(dirs, { run: runner(noDeps), facts, installed });
            for (const [dir, failure] of batchFailures)
                failures.set(dir, { ...failure, noDeps });
        }
    }
    finally {
        if (overridesDir)
            await ctx.fs.rm(overridesDir).catch(() => undefined);
    }
    const withoutDeps = await checkWithoutDeps(withoutDepsDirs.filter((dir) => !failures.has(dir)), ctx, facts, pins);
    for (const [dir, problems] of withoutDeps.unmet) {
        failures.set(dir, {
            cause: { kind: 'requirements-unmet', problems },
            excerpt: '',
            sameCauseAs: null,
            noDeps: true,
        });
    }
    const done = [];
    for (const [dir, projectOwners] of owners) {
        const failure = failures.get(dir);
        if (failure === undefined) {
            done.push(...projectOwners);
            continue;
        }
        const reproduce = commandFor([dir], failure.noDeps);
        failed.push(...projectOwners.map((owner) => ({ ...owner, ...failure, reproduce })));
    }
    for (const skip of skipped)
        ctx.logger.info(`skipped ${skip.id}: ${skip.reason}`);
    return { installer: selected.installer, commands, installed: done, skipped, failed, withoutDeps: withoutDeps.ok };
}
/** After a `--no-deps` install: whether each project's other requirements are met (`pip check`), said either way. */
async function checkWithoutDeps(dirs, ctx, facts, pins) {
    const names = new Map(dirs.flatMap((dir) => (facts.get(dir)?.name ? [[dir, facts.get(dir)?.name ?? '']] : [])));
    const problems = await unmetRequirements(ctx.session, [...names.values()]);
    const ok = [];
    const unmet = new Map();
    for (const dir of dirs) {
        const name = names.get(dir);
        const found = name ? problems.get(normalizeName(name)) : undefined;
        const pinned = (pins.get(dir) ?? []).map((pin) => `${pin.name} ${pin.version}`).join(', ');
        if (found && found.length > 0) {
            unmet.set(dir, found);
            continue;
        }
        ok.push({ path: dir, pins: pins.get(dir) ?? [] });
        ctx.logger.info(`installed ${name ?? dir} without its dependencies (Amplifier's rule: its git dependency is pinned to the installed ${pinned}); pip check finds its other requirements met`);
    }
    return { ok, unmet };
}

;// CONCATENATED MODULE: ./lib/commands/doctor/run-doctor.js
/**
 * `doctor`'s work: audit every editable install of the environment and, with `fix`, reinstall each dangling one from
 * its expected directory or the newest sibling clone of the one it pointed at, in one installer call, then audit again.
 */


async function runDoctor(ctx, options) {
    const first = await auditEditables(ctx);
    const dangling = first.entries.filter((e) => e.audit.status === 'dangling');
    if (!options.fix || dangling.length === 0)
        return { ...first, fix: null, reinstalled: [], unfixable: [] };
    const repairs = dangling.map((e) => ({
        id: e.id,
        distribution: e.distribution,
        path: e.audit.reinstallFrom,
        why: e.audit.reinstallWhy ?? '',
    }));
    const unfixable = repairs.filter((r) => r.path === null);
    const requests = repairs.flatMap((r) => (r.path ? [{ id: r.id, path: r.path }] : []));
    if (requests.length === 0)
        return { ...first, fix: null, reinstalled: [], unfixable };
    const outcome = await installModules(requests, {
        session: ctx.session,
        installer: ctx.installerChoice,
        extraArgs: ctx.installerArgs,
        env: ctx.env,
        fs: ctx.fs,
        exec: ctx.exec,
        logger: ctx.logger,
    });
    const after = await auditEditables(ctx);
    const done = new Set(outcome.installed.map((r) => r.path));
    return { ...after, fix: outcome, reinstalled: repairs.filter((r) => r.path && done.has(r.path)), unfixable };
}

;// CONCATENATED MODULE: ./lib/commands/doctor/doctor-command.js
/**
 * `doctor`: audit every editable install of an environment (default: the Amplifier uv tool venv), declared or not,
 * and with --fix reinstall each dangling one from the directory its resolution (or the newest sibling clone) gives.
 * The report says which environment was audited and why; without the Amplifier tool venv it says where it looked.
 */














/** Amplifier's naming convention is the only hint an undeclared editable gives about its kind. */
function kindFromId(id) {
    if (/^(loop|orchestrator)-/.test(id))
        return 'orchestrator';
    if (id.startsWith('context-'))
        return 'context';
    if (id.startsWith('provider-'))
        return 'provider';
    if (id.startsWith('tool-'))
        return 'tool';
    if (/^hooks?-/.test(id))
        return 'hook';
    return null;
}
/** Auditing another environment than the Amplifier CLI's own is worth saying: its modules may differ. */
function notTheAmplifierVenv(environment) {
    if (environment.chosenBy === 'amplifier-tool-venv' || environment.chosenBy === '--python')
        return [];
    return [
        {
            code: 'no-amplifier-venv',
            message: `no Amplifier CLI tool venv was found, so doctor audited ${environment.prefix} instead (${environment.reason})`,
            fix: 'pass --python with the interpreter of the environment Amplifier runs in, e.g. --python ~/.local/share/uv/tools/amplifier/bin/python',
        },
    ];
}
/**
 * The command that repairs a dangling editable doctor cannot: with a declaration, `install` fetches the declared clone
 * and installs it; without one, the file that declares it must be named, or the leftover uninstalled.
 */
function whatRepairs(repair, options, python, declared) {
    const scope = options.profiles.length > 0 ? options.profiles.flatMap((p) => ['-p', p]) : ['--session'];
    const install = commandText(['amplifier-modules', 'install', ...scope, '--python', python]);
    if (declared)
        return `${install} (fetches the declared clone and reinstalls it; then doctor finds it ok)`;
    const uninstall = commandText([python, '-m', 'pip', 'uninstall', '-y', repair.distribution]);
    return `name the bundle or profile that declares ${repair.id}: ${commandText(['amplifier-modules', 'install', '-p', 'FILE', '--python', python])}; or, when nothing uses it any more, ${uninstall}`;
}
async function doctorCommand(options, ports, guard) {
    const environment = await locateTarget({ explicit: options.python, workspace: options.workspace, purpose: 'doctor' }, ports);
    const { python } = environment;
    const session = pythonSession(environment, ports, options.workspace);
    const { loaded, chosen } = await doctorDeclarations(options, ports, session);
    const declared = new Map((loaded?.resolved ?? []).map((r) => [r.declaration.id, r]));
    if (options.fix) {
        // --fix reinstalls from the module cache: the cache must not be pruned under it, and prune must know this
        // environment uses it from now on.
        await guard.hold();
        await registerEnvironment(ports.fs, options.home, { python, prefix: environment.prefix });
        // One run at a time changes an environment: a verify or install in progress finishes first.
        await guard.holdEnvironment(environment.prefix);
    }
    // A target prune moved into its quarantine comes back by a rename before the audit: no reinstall, no network.
    const quarantined = await findQuarantinedTargets(ports.fs, options.home, environment);
    const quarantineNotes = options.fix
        ? await restoreQuarantinedTargets(ports.fs, quarantined, ports.logger)
        : quarantined.map(quarantineWarning);
    const result = await runDoctor({
        fs: ports.fs,
        exec: ports.exec,
        session,
        importCheck: options.importCheck,
        logger: ports.logger,
        expected: expectedPaths(loaded),
        origins: expectedOrigins(loaded),
        env: ports.env,
        installerChoice: options.installer,
        installerArgs: options.installerArgs,
    }, { fix: options.fix });
    if (options.fix) {
        const installed = result.fix?.installed.map((r) => r.path) ?? [];
        const intact = result.entries.flatMap((e) => e.audit.status === 'ok' && e.audit.installedFrom ? [e.audit.installedFrom] : []);
        await recordDoctorInstalls(ports, options.home, environment, installed, intact);
    }
    const reinstalled = new Map(result.reinstalled.map((r) => [r.id, r]));
    const modules = result.entries.map(({ id, distribution, audit }) => {
        const resolved = declared.get(id);
        const repair = reinstalled.get(id);
        const findings = repair
            ? [
                ...audit.findings,
                {
                    code: 'reinstalled-by-doctor',
                    message: `doctor --fix reinstalled it from ${repair.path}: ${repair.why}`,
                    target: repair.path ?? undefined,
                },
            ]
            : audit.findings;
        const installedFrom = audit.installedFrom;
        return {
            id,
            kind: resolved?.declaration.kind ?? kindFromId(id),
            agent: null,
            declaredAt: resolved?.declaration.declaredAt ?? null,
            declaredSource: null,
            resolution: {
                layer: resolved?.resolution.layer ?? null,
                source: installedFrom
                    ? {
                        type: 'file',
                        uri: `file://${installedFrom}`,
                        url: null,
                        ref: null,
                        subdirectory: null,
                        commit: null,
                        path: installedFrom,
                        name: distribution,
                    }
                    : null,
                trail: resolved?.resolution.trail ?? [],
            },
            path: installedFrom,
            status: audit.status,
            findings,
            fix: audit.status === 'ok' ? null : (audit.findings.find((f) => f.fix)?.fix ?? null),
        };
    });
    for (const orphan of result.orphans) {
        modules.push({
            id: orphan.file.split('/').pop() ?? orphan.file,
            kind: null,
            agent: null,
            declaredAt: null,
            declaredSource: null,
            resolution: { layer: null, source: null, trail: [] },
            path: null,
            status: 'dangling',
            findings: orphan.findings,
            fix: orphan.findings.find((f) => f.fix)?.fix ?? null,
        });
    }
    // After any reinstall above, so the install state is judged against the environment as --fix left it.
    const installState = await checkInstallState({ fs: ports.fs, known: environment }, installStatePath(options.home), {
        fix: options.fix,
    });
    if (installState)
        modules.push(...installStateModules(installState, kindFromId));
    const warnings = [...(loaded?.warnings ?? []), ...notTheAmplifierVenv(environment), ...quarantineNotes];
    for (const note of installState?.notes ?? [])
        warnings.push({ code: 'install-state', message: note });
    for (const repair of result.unfixable) {
        warnings.push({
            code: 'unfixable',
            message: `${repair.id}: dangling, and nothing to reinstall it from: ${repair.why}`,
            fix: whatRepairs(repair, options, python, declared.has(repair.id)),
        });
    }
    const unresolvedIncludes = loaded?.unresolvedIncludes ?? [];
    return buildReport({
        command: 'doctor',
        ok: runVerdict(modules, { unresolvedIncludes, warnings }, options.strict),
        python,
        environment: reportedEnvironment(environment),
        declarations: chosen,
        installer: result.fix?.installer ?? null,
        modules,
        unresolvedIncludes,
        warnings,
    });
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./lib/ports/lock-holder.js
/**
 * Who holds a lock file, recorded so that a later run can tell a live holder from a dead one without trusting the
 * process id alone: a pid is reused, and inside a container every run is pid 1 of its own pid namespace. The record
 * names the host, the kernel's boot id, the pid namespace, the pid and the process's start time (in clock ticks since
 * boot, from /proc). A holder also touches its file every few seconds (a heartbeat), the last word where nothing
 * else can be checked (another host, a container whose processes this one cannot see).
 */


/** The kernel's initial pid namespace: from it every process of every container on this kernel is visible. */
const INITIAL_PID_NAMESPACE = 'pid:[4026531836]';
const HEARTBEAT_MS = 4000;
/** A holder that has not touched its file for this long is gone (only used where nothing else can tell). */
const HEARTBEAT_STALE_MS = 4 * HEARTBEAT_MS;
function readOr(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8').trim();
    }
    catch {
        return null;
    }
}
function linkOr(path) {
    try {
        return (0,external_node_fs_.readlinkSync)(path);
    }
    catch {
        return null;
    }
}
/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
function startTimeOf(pid) {
    const stat = readOr(`/proc/${pid}/stat`);
    if (!stat)
        return null;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
}
function currentHolder() {
    return {
        pid: process.pid,
        host: (0,external_node_os_.hostname)(),
        bootId: readOr('/proc/sys/kernel/random/boot_id'),
        pidNamespace: linkOr('/proc/self/ns/pid'),
        startTime: startTimeOf('self'),
    };
}
function serializeHolder(record) {
    return `${JSON.stringify({ version: 1, ...record })}\n`;
}
/** A record as written by this version, or (older versions) a bare pid. */
function parseHolder(text, pidFromName) {
    try {
        const value = JSON.parse(text);
        const textOf = (v) => (typeof v === 'string' ? v : null);
        if (value && typeof value === 'object' && typeof value.pid === 'number') {
            return {
                pid: value.pid,
                host: textOf(value.host),
                bootId: textOf(value.bootId),
                pidNamespace: textOf(value.pidNamespace),
                startTime: textOf(value.startTime),
            };
        }
    }
    catch {
        // An older lock file: the pid alone.
    }
    return { pid: pidFromName, host: null, bootId: null, pidNamespace: null, startTime: null };
}
function pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        // EPERM: the process exists but belongs to someone else.
        return error.code === 'EPERM';
    }
}
/** Whether the process runs Node (true when /proc cannot tell). */
function runsNode(pid) {
    const argv0 = readOr(`/proc/${pid}/cmdline`)?.split('\0')[0];
    if (argv0 === undefined)
        return true;
    return /node|nodejs|bun|deno/i.test(argv0.split('/').pop() ?? '');
}
/** The pid a process has inside its own pid namespace: the last of /proc/<n>/status `NSpid`. */
function innermostPid(hostPid) {
    const line = /^NSpid:\s*(.+)$/m.exec(readOr(`/proc/${hostPid}/status`) ?? '')?.[1];
    const last = line?.trim().split(/\s+/).pop();
    return last ? Number(last) : null;
}
/**
 * Looks for the holder among the processes this /proc shows in its pid namespace: `alive` when its pid there and its
 * start time match, `dead` when the namespace is visible (or this is the initial one) and it is not there.
 */
function findInNamespace(holder, namespace, me) {
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)('/proc');
    }
    catch {
        return 'unknown';
    }
    let seen = false;
    for (const name of names) {
        if (!/^\d+$/.test(name) || linkOr(`/proc/${name}/ns/pid`) !== namespace)
            continue;
        seen = true;
        if (innermostPid(name) !== holder.pid)
            continue;
        if (holder.startTime === null || startTimeOf(Number(name)) === holder.startTime)
            return 'alive';
    }
    // From the initial namespace every container's processes are visible: a namespace with none is gone.
    return seen || me.pidNamespace === INITIAL_PID_NAMESPACE ? 'dead' : 'unknown';
}
/**
 * Whether the holder still runs, from what this process can see; `unknown` when it cannot tell (another host, or a
 * pid namespace this one cannot see into): then the heartbeat decides.
 */
function holderLiveness(holder, me = currentHolder()) {
    const sameHost = holder.host === null || holder.host === me.host;
    // The same host name with another boot id: the machine restarted since, so every process of then is gone.
    if (sameHost && holder.bootId && me.bootId && holder.bootId !== me.bootId)
        return 'dead';
    const sameKernel = holder.bootId !== null && holder.bootId === me.bootId;
    if (holder.pidNamespace === null || (sameKernel && holder.pidNamespace === me.pidNamespace)) {
        if (!sameHost && holder.pidNamespace === null)
            return 'unknown';
        if (!pidAlive(holder.pid))
            return 'dead';
        // A lock file of an older version names a pid alone: a process there that is not Node (init, a shell that got
        // the number since) cannot be the run that wrote it.
        if (holder.host === null && !runsNode(holder.pid))
            return 'dead';
        // The same pid running with another start time is a newer process that reused the number.
        if (holder.startTime && me.startTime)
            return startTimeOf(holder.pid) === holder.startTime ? 'alive' : 'dead';
        return 'alive';
    }
    if (!sameKernel)
        return 'unknown';
    return findInNamespace(holder, holder.pidNamespace, me);
}

;// CONCATENATED MODULE: ./lib/ports/run-cleanup.js
/**
 * What an interrupted run must undo before it exits: temporary directories it created and locks it holds.
 * Each entry is synchronous, because a signal handler that awaits can be cut short by a second signal.
 */

const temporaryDirs = new Set();
const releasers = new Set();
/** Remembers a temporary directory this run created; it is removed if the run is interrupted. */
function trackTemporaryDir(path) {
    temporaryDirs.add(path);
}
/** Registers a synchronous release (a lock file); returns the function that unregisters it. */
function onInterrupt(release) {
    releasers.add(release);
    return () => {
        releasers.delete(release);
    };
}
/**
 * Removes every temporary directory this run made (those already renamed into place are gone from their temporary
 * path, so nothing finished is touched) and runs every registered release. Returns how many directories it removed.
 */
function cleanUpInterruptedRun() {
    let removed = 0;
    for (const dir of temporaryDirs) {
        try {
            (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
            removed += 1;
        }
        catch {
            // Left for the stale-temp sweep of the next run.
        }
    }
    temporaryDirs.clear();
    for (const release of releasers) {
        try {
            release();
        }
        catch {
            // A lock file that cannot be removed is detected as stale by its dead pid.
        }
    }
    releasers.clear();
    return removed;
}

;// CONCATENATED MODULE: ./lib/ports/cache-lock.js
/**
 * A readers-writer lock on the module cache that `warm` (and every command that fetches or installs from the cache)
 * and `prune` all honour: any number of shared holders, or one exclusive holder (`prune`). Each holder is a file
 * `<kind>-<pid>-<random>` in `<home>/amplifier-modules/locks` recording who holds it (`lock-holder.ts`: host, boot id,
 * pid namespace, pid, start time) and touched every few seconds while held; a holder that is gone (its process
 * ended, its pid was reused, its container was killed, the machine restarted) is removed at once, so a killed run
 * never blocks the next. Taking the lock is: create my file, then look at the others; on a conflict, remove mine
 * and try again after a short random pause (so two contenders cannot keep colliding).
 */






const WAIT_LIMIT_MS = 30 * 60 * 1000;
function parseName(name) {
    const match = /^(shared|exclusive)-(\d+)-[0-9a-f]+$/.exec(name);
    if (!match?.[1] || !match[2])
        return null;
    return { kind: match[1], pid: Number(match[2]) };
}
function conflicts(mine, other) {
    return mine === 'exclusive' || other === 'exclusive';
}
function locksDir(home) {
    return (0,external_node_path_.join)(home, 'amplifier-modules', 'locks');
}
/** Whether a holder file belongs to a run that is gone: what the record can prove, else its heartbeat. */
async function isGone(file, record, me) {
    const liveness = holderLiveness(record, me);
    if (liveness !== 'unknown')
        return liveness === 'dead';
    const touched = await (0,promises_.stat)(file).then((s) => s.mtimeMs, () => 0);
    return Date.now() - touched > HEARTBEAT_STALE_MS;
}
async function liveConflict(dir, me, kind, self) {
    for (const name of await (0,promises_.readdir)(dir)) {
        const parsed = parseName(name);
        if (!parsed || name === me)
            continue;
        const file = (0,external_node_path_.join)(dir, name);
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => null);
        // Removed meanwhile (released), or written but not yet filled in: looked at again on the next round.
        if (text === null)
            continue;
        const record = parseHolder(text, parsed.pid);
        if (await isGone(file, record, self)) {
            await (0,promises_.rm)(file, { force: true });
            continue;
        }
        if (conflicts(kind, parsed.kind))
            return { name, kind: parsed.kind, record };
    }
    return null;
}
function describeHolder(record) {
    return record.host ? `process ${record.pid} on ${record.host}` : `process ${record.pid}`;
}
/**
 * Makes the lock's directory. Another run may tidy a lock directory away (or make its parents) at the same moment,
 * which a recursive mkdir can report as ENOENT: that is a race to try again, not a missing parent.
 */
async function makeLockDir(dir) {
    for (let attempt = 1;; attempt++) {
        try {
            await (0,promises_.mkdir)(dir, { recursive: true });
            return;
        }
        catch (error) {
            if (error.code !== 'ENOENT' || attempt >= 5)
                throw error;
        }
    }
}
/** Holds a lock in `dir` (created if needed); `what` names it in messages (`the module cache`). */
async function acquireHolderLock(dir, kind, logger, what, 
/** Remove `dir` again when the last holder leaves (a lock inside a directory that is not ours to clutter). */
tidy = false) {
    await makeLockDir(dir);
    const self = currentHolder();
    const content = serializeHolder(self);
    const started = Date.now();
    let announced = false;
    for (;;) {
        const name = `${kind}-${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
        const file = (0,external_node_path_.join)(dir, name);
        try {
            await (0,promises_.writeFile)(file, content, { flag: 'wx' });
        }
        catch (error) {
            // The last holder tidied the directory away just now: make it again.
            if (error.code !== 'ENOENT')
                throw error;
            await makeLockDir(dir);
            continue;
        }
        const unregister = onInterrupt(() => (0,external_node_fs_.rmSync)(file, { force: true }));
        const holder = await liveConflict(dir, name, kind, self);
        if (!holder) {
            const heartbeat = setInterval(() => {
                const now = new Date();
                (0,promises_.utimes)(file, now, now).catch(() => undefined);
            }, HEARTBEAT_MS);
            heartbeat.unref();
            const release = async () => {
                clearInterval(heartbeat);
                unregister();
                await (0,promises_.rm)(file, { force: true });
                if (tidy)
                    await (0,promises_.rmdir)(dir).catch(() => undefined);
            };
            return { release, waited: announced };
        }
        unregister();
        await (0,promises_.rm)(file, { force: true });
        if (!announced) {
            logger.info(`waiting for ${what}: ${describeHolder(holder.record)} holds it (${holder.kind})`);
            announced = true;
        }
        if (Date.now() - started > WAIT_LIMIT_MS) {
            throw new errors/* RuntimeFailure */.$c('cache-locked', `${what} is still held by ${describeHolder(holder.record)} after ${WAIT_LIMIT_MS / 60000} minutes`, undefined, `wait for ${describeHolder(holder.record)} to finish, or stop it; the lock of a run that is gone is removed automatically`);
        }
        await new Promise((resume) => setTimeout(resume, 100 + Math.floor(Math.random() * 400)));
    }
}
const fileCacheLock = {
    async acquire(home, kind, logger) {
        return (await acquireHolderLock(locksDir(home), kind, logger, 'the module cache')).release;
    },
};

;// CONCATENATED MODULE: ./lib/ports/environment-lock.js
/**
 * One run at a time changes an environment (install, verify, doctor --fix): a second one waits, then audits the
 * environment as the first left it, so a verify never reports "up to date" over a doctor --fix that reinstalled from
 * another directory meanwhile. The lock lives in the environment itself (`<prefix>/.amplifier-modules-lock/`), so
 * runs with different Amplifier homes exclude each other too; where the prefix is not writable (a system Python),
 * under the Amplifier home, keyed by the prefix.
 */




const ENVIRONMENT_LOCK_DIR = '.amplifier-modules-lock';
async function lockEnvironment(prefix, home, logger) {
    const what = `the environment ${prefix}`;
    try {
        return await acquireHolderLock((0,external_node_path_.join)(prefix, ENVIRONMENT_LOCK_DIR), 'exclusive', logger, what, true);
    }
    catch (error) {
        const code = error?.code;
        if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS')
            throw error;
        const real = await (0,promises_.realpath)(prefix).catch(() => prefix);
        const key = (0,external_node_crypto_.createHash)('sha256').update(real).digest('hex').slice(0, 16);
        return acquireHolderLock((0,external_node_path_.join)(home, 'amplifier-modules', 'locks', `environment-${key}`), 'exclusive', logger, what);
    }
}

;// CONCATENATED MODULE: ./lib/commands/guards/cache-guard.js
/**
 * The cache lock, taken lazily: at the first step that writes to or deletes from the module cache, never before
 * the declarations have been read. Bad input is refused with nothing written, not even a lock file.
 */

const unguarded = {
    hold: async () => undefined,
    holdEnvironment: async () => false,
    release: async () => undefined,
};
function cacheGuard(lock, home, kind, logger) {
    let held = null;
    let environment = null;
    return {
        hold: async () => {
            held ??= lock.acquire(home, kind, logger);
            await held;
        },
        holdEnvironment: async (prefix) => {
            environment ??= lockEnvironment(prefix, home, logger);
            return (await environment).waited;
        },
        release: async () => {
            const mine = environment;
            environment = null;
            await (await mine?.catch(() => null))?.release();
            if (!held)
                return;
            const release = await held.catch(() => null);
            held = null;
            await release?.();
        },
    };
}

;// CONCATENATED MODULE: ./lib/commands/guards/cache-root-check.js
/**
 * The module cache must be a directory (or not exist yet, below directories). A file where the Amplifier home or
 * its cache should be is a broken machine, not a module failure: reported once, with the fix, before any work.
 */


async function checkCacheRoot(fs, home) {
    const cache = (0,external_node_path_.join)(home, 'cache');
    for (let path = cache;; path = (0,external_node_path_.dirname)(path)) {
        const stat = await fs.stat(path);
        if (stat && !stat.isDirectory) {
            throw new errors/* RuntimeFailure */.$c('cache-unusable', `the module cache ${cache} cannot be used: ${path} is not a directory`, undefined, `move ${path} out of the way (or point --home / AMPLIFIER_HOME elsewhere), then run again`);
        }
        if (stat || (0,external_node_path_.dirname)(path) === path)
            return;
    }
}

;// CONCATENATED MODULE: ./lib/commands/guards/machine-fault.js
/**
 * Faults of the machine, not of this tool: an Amplifier home that cannot be written (HOME unwritable, a read-only
 * file system), a full disk. Each is a runtime failure that says what failed and what to do (exit 3), never an
 * "internal error". The home is tried once before any work (every command but resolve writes a lock there); a fault
 * that shows up later (the disk fills during a fetch) is worded the same way.
 */


const WRITE_FAULTS = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is exhausted',
};
function homeFix(home) {
    return `make ${home} writable (or free space on its disk), or point --home / AMPLIFIER_HOME at a writable directory`;
}
/** The failure a file-system error of the machine is, or null for anything else (a bug stays a bug). */
function machineFault(error, home) {
    const errno = error;
    // Every mkdir here makes its parents: ENOENT from it means a parent could not be made (a read-only file system).
    const cannotMake = errno?.code === 'ENOENT' && errno.syscall === 'mkdir' ? 'it cannot be created there' : undefined;
    const reason = errno?.code ? (WRITE_FAULTS[errno.code] ?? cannotMake) : undefined;
    if (!reason)
        return null;
    const full = errno?.code === 'ENOSPC' || errno?.code === 'EDQUOT';
    const where = errno?.path ? ` ${errno.path}` : '';
    return new errors/* RuntimeFailure */.$c(full ? 'disk-full' : 'home-unwritable', `could not ${errno?.syscall ?? 'write'}${where}: ${reason}`, errno?.message, full
        ? `free space on that disk (amplifier-modules prune --purge empties the quarantine of unused clones), or point --home / AMPLIFIER_HOME at another disk`
        : homeFix(home));
}
/**
 * At the first write (the first hold of the cache lock, after the declarations were read and checked): the
 * directories every writing command needs under the Amplifier home are made, once, before concurrent runs race to
 * make the locks inside them.
 */
async function checkHomeWritable(fs, home) {
    for (const dir of [(0,external_node_path_.join)(home, 'cache'), (0,external_node_path_.join)(home, 'amplifier-modules')]) {
        try {
            await fs.mkdir(dir);
        }
        catch (error) {
            const fault = machineFault(error, home);
            if (fault)
                throw fault;
            const errno = error;
            // A recursive mkdir under a read-only or unwritable parent can report ENOENT: still the machine's fault.
            throw new errors/* RuntimeFailure */.$c('home-unwritable', `the Amplifier home ${home} cannot be written: could not create ${dir} (${errno.code ?? 'error'})`, errno.message, homeFix(home));
        }
    }
}

;// CONCATENATED MODULE: ./lib/commands/guards/workspace-check.js
/**
 * The workspace is where the workspace layer and the project's settings are read and where the interpreter runs
 * (a shim picks its version there). One that does not exist is a typo, not an empty workspace: without this check
 * the interpreter could not even be started there, and the run would blame the interpreter.
 */

async function checkWorkspace(fs, workspace) {
    if ((await fs.stat(workspace))?.isDirectory)
        return;
    throw new errors/* InputError */.dz('usage', `workspace ${workspace}: no such directory`, {
        fix: 'point --workspace (-w; the action input workspace) at the project directory that holds .amplifier/, or leave it out to use the current directory',
    });
}

;// CONCATENATED MODULE: ./lib/lock/lock-entries.js
/**
 * What one module, repository or include looks like in the lock: credential-free, workspace-relative, and keyed the
 * same way whether the lock is being written or compared against, so the two can never disagree on a key.
 */



/** `url@ref` as `pinKey` writes it, without credentials. */
function repositoryKey(location) {
    return `${withoutUserinfo(location.url)}@${location.ref}`;
}
/** A session module is keyed by its id; an agent's own declaration of it by `id [agent ns:name]` (as the report says). */
function moduleKey(declaration) {
    return declaration.agent ? `${declaration.id} [agent ${declaration.agent}]` : declaration.id;
}
/** A local path as the lock records it: relative to the workspace (with `/`) when inside it, else absolute. */
function lockedPath(path, workspace) {
    if (!(0,external_node_path_.isAbsolute)(path) || !isWithin(path, workspace))
        return path;
    const inside = (0,external_node_path_.relative)(workspace, path).split(external_node_path_.sep).join('/');
    return inside === '' ? '.' : inside;
}
/** The lock entry of a resolved module; `commit` is the pin of its git source (null when it has none yet). */
function lockedModuleFor(layer, source, commit, workspace) {
    switch (source.type) {
        case 'git':
            return {
                layer,
                source: withoutUserinfo(source.uri),
                subdirectory: source.subdirectory ?? undefined,
                commit: commit ?? undefined,
            };
        case 'file':
            return { layer, source: lockedPath(source.path, workspace) };
        case 'package':
            return { layer, source: source.name };
    }
}

;// CONCATENATED MODULE: ./lib/lock/lock-agreement.js
/**
 * A lock pins each repository at a ref to one commit: the `repositories` entry is the pin the fetch uses, and every
 * module entry on that repository and ref records the same commit. A lock where they disagree was edited by hand (or
 * merged badly): which pin is meant cannot be guessed, so it is bad input naming both lines.
 */


/** `url@ref` of a module's git source as the lock writes it; null when the source is not a git URI. */
function repositoryOf(source) {
    try {
        return repositoryKey(parseGitUri(source));
    }
    catch {
        return null;
    }
}
/** The first disagreement (its line and message), or null. */
function lockDisagreement(lock, lines) {
    const pins = new Map();
    for (const [key, commit] of lock.repositories)
        pins.set(key, { commit, what: `repositories entry '${key}'`, line: lines.lineOf('repositories', key) });
    for (const [id, entry] of lock.modules) {
        if (!entry.commit || !entry.source.startsWith('git+'))
            continue;
        const repository = repositoryOf(entry.source);
        if (repository === null)
            continue;
        const line = lines.lineOf('modules', id, 'commit');
        const earlier = pins.get(repository);
        if (!earlier) {
            pins.set(repository, { commit: entry.commit, what: `module '${id}'`, line });
            continue;
        }
        if (earlier.commit === entry.commit)
            continue;
        return {
            line,
            message: `module '${id}' (line ${line}) pins ${repository} to ${entry.commit}, but ${earlier.what} (line ${earlier.line}) pins ${earlier.commit}`,
        };
    }
    return null;
}

;// CONCATENATED MODULE: ./lib/lock/lock-key-lines.js
/**
 * The line of every key of a lock file, found in one pass over its text (a search per entry made reading a lock of
 * 10,000 entries take 25 s), and the first key written twice in one object: JSON.parse keeps the later value
 * silently, so a lock naming one repository twice would pin whichever came last.
 */
/** The index just past the string that opens at `start` (a `"`): `text` is JSON that JSON.parse accepted. */
function stringEnd(text, start) {
    let quote = text.indexOf('"', start + 1);
    while (quote > 0) {
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === 0x5c)
            backslashes += 1;
        if (backslashes % 2 === 0)
            return quote + 1;
        quote = text.indexOf('"', quote + 1);
    }
    return text.length;
}
const QUOTE = 0x22;
const lock_key_lines_NEWLINE = 0x0a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const newObject = () => ({ lines: new Map(), children: new Map() });
/** Scans `text`, valid JSON, once. */
function scanKeyLines(text) {
    const root = newObject();
    const stack = [];
    let line = 1;
    let duplicate = null;
    for (let at = 0; at < text.length;) {
        const char = text.charCodeAt(at);
        if (char === QUOTE) {
            const end = stringEnd(text, at);
            const top = stack[stack.length - 1];
            if (top?.object && top.expectKey) {
                const raw = text.slice(at + 1, end - 1);
                const key = raw.includes('\\') ? JSON.parse(text.slice(at, end)) : raw;
                const first = top.object.lines.get(key);
                if (first !== undefined && duplicate === null) {
                    const path = stack.slice(1).map((frame) => frame.name ?? '');
                    duplicate = { path, key, firstLine: first, secondLine: line };
                }
                top.object.lines.set(key, line);
                top.lastKey = key;
                top.expectKey = false;
            }
            at = end;
            continue;
        }
        if (char === lock_key_lines_NEWLINE)
            line += 1;
        else if (char === OPEN_OBJECT || char === OPEN_ARRAY) {
            const parent = stack[stack.length - 1];
            const name = parent?.object ? parent.lastKey : null;
            let object = null;
            if (char === OPEN_OBJECT) {
                object = stack.length === 0 ? root : newObject();
                if (parent?.object && name !== null)
                    parent.object.children.set(name, object);
            }
            stack.push({ object, name, expectKey: char === OPEN_OBJECT, lastKey: null });
        }
        else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY)
            stack.pop();
        else if (char === COMMA) {
            const top = stack[stack.length - 1];
            if (top?.object)
                top.expectKey = true;
        }
        at += 1;
    }
    const lineOf = (...path) => {
        let object = root;
        for (const key of path.slice(0, -1))
            object = object?.children.get(key);
        const last = path[path.length - 1];
        return (last === undefined ? undefined : object?.lines.get(last)) ?? 1;
    };
    return { lineOf, duplicate };
}

;// CONCATENATED MODULE: ./lib/lock/lock-file.js
/**
 * The lock file (`amplifier-modules.lock`): which commit every git source, module and bundle include was pinned to.
 * JSON, version 1, keys sorted at every level, two-space indent, one line per pin, so a re-pin is a one-line diff.
 * Reading is pure (text -> value or an InputError naming the line); writing is the caller's (temp file + rename).
 */




const LOCK_VERSION = 1;

const LOCK_FIX = 'run amplifier-modules lock';
const COMMIT = /^[0-9a-f]{40}$/;
/** Sorted keys at every level, so the same lock always renders to the same bytes. */
function sortedObject(entries) {
    const out = Object.create(null);
    for (const [key, value] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        out[key] = value;
    return out;
}
function moduleObject(entry) {
    const fields = [
        ['layer', entry.layer],
        ['source', entry.source],
    ];
    if (entry.subdirectory)
        fields.push(['subdirectory', entry.subdirectory]);
    if (entry.commit)
        fields.push(['commit', entry.commit]);
    return sortedObject(fields);
}
function renderLockFile(lock) {
    const document = {
        includes: sortedObject(lock.includes),
        modules: sortedObject([...lock.modules].map(([key, entry]) => [key, moduleObject(entry)])),
        repositories: sortedObject(lock.repositories),
        ...(lock.skippedIncludes?.size ? { skippedIncludes: sortedObject(lock.skippedIncludes) } : {}),
        version: LOCK_VERSION,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
}
/** The line of a JSON.parse failure: Node names the character position. */
function lineOfSyntaxError(text, message) {
    const position = /position (\d+)/.exec(message);
    if (!position?.[1])
        return 1;
    return text.slice(0, Number(position[1])).split('\n').length;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function problem(file, line, message) {
    return new errors/* InputError */.dz('invalid-lock', message, {
        file,
        line,
        fix: `${LOCK_FIX} to write it again (or restore it from version control)`,
    });
}
function commitMap(file, lines, value, section) {
    if (value === undefined)
        return new Map();
    if (!isObject(value))
        throw problem(file, lines.lineOf(section), `'${section}' must be an object`);
    const out = new Map();
    for (const [key, commit] of Object.entries(value)) {
        if (typeof commit !== 'string' || !COMMIT.test(commit))
            throw problem(file, lines.lineOf(section, key), `${section} entry '${key}' is not a 40-hex commit`);
        out.set(key, commit);
    }
    return out;
}
function lockedModule(file, lines, id, value) {
    const where = lines.lineOf('modules', id);
    if (!isObject(value))
        throw problem(file, where, `module '${id}' must be an object`);
    const { layer, source, subdirectory, commit } = value;
    if (typeof layer !== 'string' || !LAYER_ORDER.includes(layer))
        throw problem(file, where, `module '${id}' has no valid layer (one of ${LAYER_ORDER.join(', ')})`);
    if (typeof source !== 'string' || source === '')
        throw problem(file, where, `module '${id}' has no source`);
    if (subdirectory !== undefined && typeof subdirectory !== 'string')
        throw problem(file, where, `module '${id}' has a subdirectory that is not text`);
    if (commit !== undefined && (typeof commit !== 'string' || !COMMIT.test(commit)))
        throw problem(file, where, `module '${id}' has a commit that is not 40 hex`);
    return { layer: layer, source, subdirectory, commit };
}
/** Module entries checked between two pauses of a yielding parse. */
const ENTRIES_PER_STEP = 10_000;
/**
 * The parse, in steps: it pauses (yields) between them, so a caller on the event loop can let a signal through while
 * a lock of tens of megabytes is read (`parseLockFileYielding`); `parseLockFile` runs it straight through.
 */
function* parseSteps(file, text) {
    let document;
    try {
        document = JSON.parse(text);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw problem(file, lineOfSyntaxError(text, message), `the lock file is not valid JSON (${message})`);
    }
    if (!isObject(document))
        throw problem(file, 1, 'the lock file must hold one JSON object');
    yield;
    const lines = scanKeyLines(text);
    if (lines.duplicate) {
        const { path, key, firstLine, secondLine } = lines.duplicate;
        const where = path.length > 0 ? ` in '${path.join('.')}'` : '';
        throw problem(file, secondLine, `'${key}' is written twice${where} (lines ${firstLine} and ${secondLine}); a lock holds one entry per key`);
    }
    if (document.version !== LOCK_VERSION)
        throw problem(file, lines.lineOf('version'), `unsupported lock version ${JSON.stringify(document.version ?? null)} (this amplifier-modules reads version ${LOCK_VERSION})`);
    yield;
    const modules = new Map();
    if (document.modules !== undefined) {
        if (!isObject(document.modules))
            throw problem(file, lines.lineOf('modules'), "'modules' must be an object");
        for (const [id, value] of Object.entries(document.modules)) {
            modules.set(id, lockedModule(file, lines, id, value));
            if (modules.size % ENTRIES_PER_STEP === 0)
                yield;
        }
    }
    const lock = {
        repositories: commitMap(file, lines, document.repositories, 'repositories'),
        modules,
        includes: commitMap(file, lines, document.includes, 'includes'),
        skippedIncludes: reasonMap(file, lines, document.skippedIncludes),
    };
    yield;
    const disagreement = lockDisagreement(lock, lines);
    if (disagreement)
        throw problem(file, disagreement.line, disagreement.message);
    return lock;
}
/** Parses a lock file's text; every problem is an InputError (exit 2) with the file, line and fix. */
function parseLockFile(file, text) {
    const steps = parseSteps(file, text);
    for (;;) {
        const step = steps.next();
        if (step.done)
            return step.value;
    }
}
/** `parseLockFile`, letting the event loop run (signals, timers) between its steps. */
async function parseLockFileYielding(file, text) {
    const steps = parseSteps(file, text);
    for (;;) {
        const step = steps.next();
        if (step.done)
            return step.value;
        await new Promise((resume) => setImmediate(resume));
    }
}
function reasonMap(file, lines, value) {
    if (value === undefined)
        return new Map();
    if (!isObject(value))
        throw problem(file, lines.lineOf('skippedIncludes'), "'skippedIncludes' must be an object");
    const out = new Map();
    for (const [uri, reason] of Object.entries(value)) {
        if (typeof reason !== 'string')
            throw problem(file, lines.lineOf(uri), `skipped include '${uri}' has no reason`);
        out.set(uri, reason);
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/lock/read-lock.js
/** Where the lock file is, and reading it: a missing or unreadable lock is bad input (exit 2) naming the file. */





/** A lock of thousands of modules is a few megabytes; anything far larger is not a lock file. */
const MAX_LOCK_BYTES = 32 * 1024 * 1024;
/** `--lock-file`, else `amplifier-modules.lock` in the directory of the first declaration file (or the workspace). */
function lockPathFor(lockFile, files, workspace) {
    if (lockFile)
        return lockFile;
    const first = files[0];
    return (0,external_node_path_.join)(first ? (0,external_node_path_.dirname)(first) : workspace, DEFAULT_LOCK_FILE_NAME);
}
async function lockExists(fs, path) {
    return (await fs.stat(path).catch(() => null)) !== null;
}
/** The lock at `path`; null when there is none (the caller decides whether that is an error). */
async function readLockIfAny(fs, path, w = CLI_WORDING) {
    const stat = await fs.stat(path).catch(() => null);
    if (!stat)
        return null;
    if (!stat.isFile || stat.size > MAX_LOCK_BYTES)
        throw new errors/* InputError */.dz('invalid-lock', stat.isFile ? 'the lock file is too large' : 'the lock file is not a file', {
            file: path,
            line: 1,
            fix: `${w.give('lockFile', 'PATH')} of a lock file (${LOCK_FIX} writes one)`,
        });
    let bytes;
    try {
        bytes = await fs.readFile(path);
    }
    catch (error) {
        throw new errors/* InputError */.dz('invalid-lock', `cannot read the lock file: ${String(error)}`, {
            file: path,
            fix: 'check its permissions',
        });
    }
    return parseLockFileYielding(path, decodeUtf8(bytes, path));
}
/** `--locked` / `--frozen`: the lock must be there. */
async function readLock(fs, path, w = CLI_WORDING) {
    const lock = await readLockIfAny(fs, path, w);
    if (lock)
        return lock;
    // The action has no --locked or --frozen: a lock-file it names is the run's lock.
    const needs = w.front === 'cli' ? ' (--locked and --frozen need one)' : '';
    throw new errors/* InputError */.dz('lock-missing', `there is no lock file to compare with${needs}`, {
        file: path,
        line: 1,
        fix: `${LOCK_FIX} (then commit ${DEFAULT_LOCK_FILE_NAME}), or ${w.give('lockFile', 'PATH')} of it`,
    });
}

;// CONCATENATED MODULE: ./lib/lock/relock.js
/**
 * The repositories whose locked commit stays: every one the old lock has, unless `--update` re-pins it (all of them,
 * or those of the named modules; a repository shared with another module is re-pinned for both, since they share
 * one clone).
 */
function keptCommits(old, modules, update) {
    const kept = new Map();
    if (!old || update.all)
        return kept;
    const repinned = new Set(modules.filter((m) => update.ids.has(m.id)).map((m) => m.repository));
    for (const module of modules) {
        const repository = module.repository;
        if (repository === null || repinned.has(repository))
            continue;
        const commit = old.repositories.get(repository);
        if (commit)
            kept.set(repository, commit);
    }
    return kept;
}
function buildLock(modules, repositoryCommits, includeCommits, skippedIncludes = new Map()) {
    const repositories = new Map();
    const locked = new Map();
    for (const module of modules) {
        const commit = module.repository === null ? undefined : repositoryCommits.get(module.repository);
        if (module.repository !== null && commit)
            repositories.set(module.repository, commit);
        locked.set(module.key, commit ? { ...module.entry, commit } : module.entry);
    }
    return {
        repositories,
        modules: locked,
        includes: new Map(includeCommits),
        skippedIncludes: new Map(skippedIncludes),
    };
}
function shortCommit(commit) {
    return commit ? ` ${commit.slice(0, 12)}` : '';
}
function relock_describe(entry) {
    const layer = entry.layer === 'profile' ? '' : ` (${entry.layer} layer)`;
    return `${entry.source}${shortCommit(entry.commit)}${layer}`;
}
function sameDeclaration(a, b) {
    return a.layer === b.layer && a.source === b.source && (a.subdirectory ?? null) === (b.subdirectory ?? null);
}
function moduleChanges(old, next) {
    const changes = [];
    for (const [key, entry] of next.modules) {
        const before = old?.modules.get(key);
        if (!before)
            changes.push({ kind: 'added', entry: key, from: null, to: relock_describe(entry) });
        else if (!sameDeclaration(before, entry))
            changes.push({ kind: 'changed', entry: key, from: relock_describe(before), to: relock_describe(entry) });
        else if (before.commit !== entry.commit)
            changes.push({ kind: 're-pinned', entry: key, from: before.commit ?? null, to: entry.commit ?? null });
    }
    for (const [key, entry] of old?.modules ?? []) {
        if (!next.modules.has(key))
            changes.push({ kind: 'removed', entry: key, from: relock_describe(entry), to: null });
    }
    return changes;
}
function includeChanges(old, next) {
    const changes = [];
    for (const [uri, commit] of next.includes) {
        const before = old?.includes.get(uri);
        const entry = `include ${uri}`;
        if (!before)
            changes.push({ kind: 'added', entry, from: null, to: commit });
        else if (before !== commit)
            changes.push({ kind: 're-pinned', entry, from: before, to: commit });
    }
    for (const [uri, commit] of old?.includes ?? []) {
        if (!next.includes.has(uri))
            changes.push({ kind: 'removed', entry: `include ${uri}`, from: commit, to: null });
    }
    return changes;
}
/** Every difference, modules first, each list in key order. */
function lockChanges(old, next) {
    const byEntry = (a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0);
    return [...moduleChanges(old, next).sort(byEntry), ...includeChanges(old, next).sort(byEntry)];
}

;// CONCATENATED MODULE: ./lib/report/report-module.js
function reportSource(source) {
    if (!source)
        return null;
    switch (source.type) {
        case 'git':
            return {
                type: 'git',
                uri: source.uri,
                url: source.url,
                ref: source.ref,
                subdirectory: source.subdirectory,
                commit: source.commit,
                path: null,
                name: null,
            };
        case 'file':
            return {
                type: 'file',
                uri: source.uri,
                url: null,
                ref: null,
                subdirectory: null,
                commit: null,
                path: source.path,
                name: null,
            };
        case 'package':
            return {
                type: 'package',
                uri: source.uri,
                url: null,
                ref: null,
                subdirectory: null,
                commit: null,
                path: null,
                name: source.name,
            };
    }
}
/** The declared source as a single string (object forms are shown as compact JSON). */
function declaredSourceText(resolved) {
    const raw = resolved.declaration.source;
    if (raw === null)
        return null;
    return typeof raw === 'string' ? raw : JSON.stringify(raw);
}
function reportModule(resolved, outcome) {
    const { declaration, resolution } = resolved;
    const source = outcome.source !== undefined ? outcome.source : resolution.source;
    return {
        id: declaration.id,
        kind: declaration.kind,
        agent: declaration.agent,
        declaredAt: declaration.declaredAt,
        declaredSource: declaredSourceText(resolved),
        resolution: { layer: resolution.layer, source: reportSource(source), trail: resolution.trail },
        path: resolution.path,
        status: outcome.status,
        findings: outcome.findings,
        fix: outcome.fix,
        ...(outcome.fetch ? { fetch: outcome.fetch } : {}),
        ...(outcome.install ? { install: outcome.install } : {}),
        ...(declaration.origin ? { origin: declaration.origin } : {}),
    };
}

;// CONCATENATED MODULE: ./lib/stages/resolve/fix.js
/**
 * One concrete fix line for a module that no layer resolved: the first thing worth doing, chosen by the typed
 * reason each layer recorded (never by parsing its words) (a rejected override is fixed before anything else, because the user clearly meant it).
 */





function entry(resolution, layer) {
    return resolution.trail.find((item) => item.layer === layer);
}
function addSourceHint(declaration) {
    const at = `${declaration.declaredAt.file}:${declaration.declaredAt.line}`;
    return `add \`source: git+https://github.com/<org>/amplifier-module-${declaration.id}@main\` to the '${declaration.id}' entry at ${at}`;
}
function suggestFix(declaration, resolution, w = CLI_WORDING) {
    const { id } = declaration;
    if (resolution.layer !== null)
        return `nothing to fix: '${id}' resolved through the ${resolution.layer} layer`;
    const env = entry(resolution, 'env');
    if (env?.reason?.kind === 'not-usable')
        return `set ${envVariableName(id)} to an existing module directory or git URI, or unset it (${env.detail})`;
    const workspace = entry(resolution, 'workspace');
    const workspaceDir = (0,external_node_path_.join)('.amplifier', 'modules', id);
    if (workspace?.reason?.kind === 'uninitialised-submodule')
        return `run \`${commandText(['git', 'submodule', 'update', '--init', '--', workspaceDir])}\` in the workspace`;
    if (workspace?.outcome === 'rejected')
        return `replace ${workspaceDir} with a directory inside the workspace, or remove it (${workspace.detail})`;
    const settings = entry(resolution, 'settings')?.reason;
    if (settings?.kind === 'not-usable') {
        const where = settings.file ? `${settings.file}:${settings.line ?? 1}` : 'the settings file';
        return `fix the override at ${where}: it must name an existing module directory or a git URI`;
    }
    const profile = entry(resolution, 'profile')?.reason;
    if (profile?.kind === 'not-usable')
        return `fix the source of '${id}' at ${declaration.declaredAt.file}:${declaration.declaredAt.line}: ${profile.problem}`;
    const pkg = entry(resolution, 'package');
    const [, prefixed] = packageCandidates(id);
    if (pkg?.reason?.kind === 'no-environment')
        return `${addSourceHint(declaration)}, or ${w.give('python', '<interpreter>')} if '${prefixed}' is installed there`;
    return `${addSourceHint(declaration)}, or set sources.modules.${id} in .amplifier/settings.yaml, or install '${prefixed}' into the target environment`;
}

;// CONCATENATED MODULE: ./lib/commands/module-run/module-outcome.js
/**
 * What the run knows about each declaration as it moves through the stages: a value each stage takes and returns
 * anew, never changed in place. A stage only touches modules that are still ok, so the first failure (unresolved,
 * fetch, install, audit) is the one reported.
 */


function initialOutcomes(resolved, wording) {
    return resolved.map((r) => ({
        resolved: r,
        status: r.resolution.layer === null ? 'unresolved' : 'ok',
        findings: [],
        fix: r.resolution.layer === null ? suggestFix(r.declaration, r.resolution, wording) : null,
        source: r.resolution.source,
        fetch: undefined,
        nonPython: false,
        install: undefined,
    }));
}
/** The module as it is after a stage found it failing: its status, the findings added, the fix that now applies. */
function module_outcome_failed(module, status, findings, fix) {
    return { ...module, status, findings: [...module.findings, ...findings], fix };
}
/** The directory to install a module from; null when it is not installed (failed earlier, or a package source). */
function installable(module) {
    const type = module.source?.type;
    return module.status === 'ok' && (type === 'git' || type === 'file') ? module.resolved.resolution.path : null;
}
function toReportModules(modules) {
    return modules.map((m) => reportModule(m.resolved, {
        status: m.status,
        findings: m.findings,
        fix: m.fix,
        source: m.source,
        fetch: m.fetch,
        install: m.install,
    }));
}

;// CONCATENATED MODULE: ./lib/module-cache/clone-users.js
/**
 * Which recorded environments installed from a clone directory: a run about to move a ref's clone to a new commit
 * says who follows it (every environment with an editable install into that directory does, silently).
 */




async function environmentsInstalledFrom(fs, home, dir) {
    const users = [];
    for (const recorded of (await readRegistry(fs, home, true)).live) {
        const environment = await locateEnvironment(recorded.python, fs);
        const scan = await scanSitePackages(fs, environment.sitePackages);
        const uses = scan.dists.some((dist) => (dist.installedFrom !== null && isWithin(dist.installedFrom, dir)) ||
            dist.targets.some((target) => isWithin(target.target, dir)));
        if (uses)
            users.push(environment.prefix);
    }
    return users;
}

;// CONCATENATED MODULE: ./lib/commands/shared-stages/fetch-context.js




function fetchContextFor(options, ports) {
    return {
        fs: ports.fs,
        exec: ports.exec,
        env: ports.env,
        home: options.home,
        logger: ports.logger,
        redactor: ports.redactor,
        clock: ports.clock,
        offline: options.offline,
        token: options.token,
        usersOf: (dir) => environmentsInstalledFrom(ports.fs, options.home, dir),
        unquarantine: async (dir) => {
            const quarantined = await findQuarantinedFor(ports.fs, options.home, dir);
            if (quarantined?.from !== dir || !(await restoreQuarantined(ports.fs, quarantined)))
                return false;
            ports.logger.info(`moved ${dir} back from prune's quarantine`);
            return true;
        },
        // A lock per clone directory, beside the cache lock: concurrent warms of a moved branch fetch it once.
        placementLock: async (dir) => {
            const locks = (0,external_node_path_.join)(options.home, 'amplifier-modules', 'clone-locks', (0,external_node_path_.basename)(dir));
            return (await acquireHolderLock(locks, 'exclusive', ports.logger, `the clone ${dir}`, true)).release;
        },
        wording: ports.wording,
    };
}

;// CONCATENATED MODULE: ./lib/commands/lock/lock-command.js
/**
 * `amplifier-modules lock [--update [MODULE...]]`: resolve like `resolve`, pin every git source (`ls-remote`; bundle
 * includes are fetched, since their content declares more modules) and write the lock file atomically. Without
 * `--update`, whatever the lock already holds for an unchanged declaration keeps its commit; new entries are pinned,
 * entries nothing declares any more are dropped. Nothing is written unless every pin succeeded.
 */















/** With `--update` and no ids the old lock is only needed for the change list: a broken one is replaced. */
async function oldLock(options, ports, path) {
    try {
        return await readLockIfAny(ports.fs, path);
    }
    catch (error) {
        if (!((0,errors/* isInputError */.BT)(error) && options.update && (options.moduleIds ?? []).length === 0))
            throw error;
        ports.logger.warn(`${path} cannot be read (${error.message}); --update writes it anew`);
        return null;
    }
}
function unknownIds(ids, modules) {
    const declared = new Set(modules.map((module) => module.resolved.declaration.id));
    const unknown = ids.filter((id) => !declared.has(id));
    if (unknown.length === 0)
        return;
    throw new errors/* InputError */.dz('usage', `lock --update: no declared module is named ${unknown.join(', ')}`, {
        fix: `name declared modules (${[...declared].sort().join(', ') || 'none declared'})`,
    });
}
/** A ref that does not exist is the declaration's mistake (exit 2); anything else is the network's (exit 3). */
function pinFailure(failed) {
    const [first] = failed;
    if (first && failed.every(([, , pin]) => pin.code === 'ref-not-found')) {
        const at = first[1].resolved.declaration.declaredAt;
        return new errors/* InputError */.dz('invalid-source', first[2].error, {
            file: at.file,
            line: at.line,
            fix: 'declare a branch or tag that exists, or a full 40-hex commit; nothing was written',
        });
    }
    return new errors/* RuntimeFailure */.$c('git-failed', `could not pin ${failed.length} git source(s); the lock file was not written`, failed.map(([, , pin]) => pin.error).join('\n'), 'check that the repositories are reachable (and the token, for private ones), then run amplifier-modules lock again');
}
async function writeLock(ports, path, text) {
    try {
        await ports.fs.writeFile(path, text);
    }
    catch (error) {
        throw new errors/* RuntimeFailure */.$c('lock-unwritable', `could not write the lock file ${path}; the previous one, if any, is unchanged`, error instanceof Error ? error.message : String(error), `make ${path} and its directory writable`);
    }
}
async function lockCommand(options, ports, guard) {
    const ids = options.moduleIds ?? [];
    const update = { all: Boolean(options.update) && ids.length === 0, ids: new Set(options.update ? ids : []) };
    const ctx = fetchContextFor({ ...options, offline: false }, ports);
    // Filled in once the declaration files are known (the lock lives beside the first).
    const found = { path: '', old: null };
    const includeCommits = new Map();
    const includeFailures = [];
    const skippedIncludes = new Map();
    const environment = environmentStage(options, ports, false);
    const loaded = await loadAndResolve(options, ports, {
        onFiles: async (files) => {
            found.path = lockPathFor(options.lockFile, files, options.workspace);
            found.old = await oldLock(options, ports, found.path);
        },
        locateGitInclude: async (uri) => {
            await guard.hold();
            const key = withoutUserinfo(uri);
            const kept = update.all ? null : (found.old?.includes.get(key) ?? null);
            const located = await fetchGitInclude(ctx, () => kept)(uri);
            if ('unavailable' in located) {
                includeFailures.push(`${maskUserinfo(uri)}: ${located.unavailable}`);
                skippedIncludes.set(key, ports.redactor.redact(located.unavailable));
            }
            else if (located.commit)
                includeCommits.set(key, located.commit);
            return located;
        },
        environment,
    });
    const modules = initialOutcomes(loaded.resolved);
    unknownIds(ids, modules);
    // verify and Amplifier skip an include they cannot fetch; the lock records it as skipped (--strict: an error).
    if (includeFailures.length > 0 && options.strict)
        throw new errors/* RuntimeFailure */.$c('fetch-failed', `could not pin ${includeFailures.length} bundle include(s); the lock file was not written (--strict)`, includeFailures.join('\n'), 'check that the included repositories are reachable, then run amplifier-modules lock again (or drop --strict to record them as skipped)');
    for (const failure of includeFailures) {
        ports.logger.warn(`skipped include ${failure}; the lock records it as skipped, as verify skips it (--strict: an error)`);
    }
    const toLock = [];
    const gitModules = [];
    for (const module of modules) {
        const layer = module.resolved.resolution.layer;
        if (module.status !== 'ok' || layer === null || module.source === null)
            continue;
        const git = module.source.type === 'git' ? module.source : null;
        if (git)
            gitModules.push([git, module]);
        toLock.push({
            id: module.resolved.declaration.id,
            key: moduleKey(module.resolved.declaration),
            entry: lockedModuleFor(layer, module.source, null, options.workspace),
            repository: git ? repositoryKey(git) : null,
        });
    }
    const { path, old } = found;
    const lockFile = { file: path, written: false, changes: [] };
    const python = (await environment())?.environment.python ?? null;
    const report = (ok, lock, reported = modules) => buildReport({
        command: 'lock',
        ok,
        python,
        modules: toReportModules(reported),
        unresolvedIncludes: loaded.unresolvedIncludes,
        warnings: loaded.warnings,
        lock,
    });
    // A module no layer resolves cannot be locked: writing the rest would pass off an incomplete lock as whole. With
    // --strict, a skipped include or a warning stops it too.
    if (!runVerdict(toReportModules(modules), loaded, options.strict))
        return report(false, lockFile);
    const kept = keptCommits(old, toLock, update);
    const pins = await pinRefs(gitModules.map(([source]) => source), { ...ctx, lockedCommit: (location) => kept.get(repositoryKey(location)) ?? null });
    const repositoryCommits = new Map();
    const failed = [];
    const pinned = new Map();
    for (const [source, module] of gitModules) {
        const pin = pins.get(`${source.url}@${source.ref}`);
        if (isPinned(pin)) {
            repositoryCommits.set(repositoryKey(source), pin.commit);
            pinned.set(module, { ...module, source: { ...source, commit: pin.commit } });
        }
        else if (pin && 'error' in pin)
            failed.push([source, module, pin]);
    }
    if (failed.length > 0)
        throw pinFailure(failed);
    const next = buildLock(toLock, repositoryCommits, includeCommits, skippedIncludes);
    const text = renderLockFile(next);
    const previous = await ports.fs.readFile(path).then((bytes) => bytes.toString('utf8'), () => null);
    const written = previous !== text;
    if (written)
        await writeLock(ports, path, text);
    const withPins = modules.map((module) => pinned.get(module) ?? module);
    return report(true, { file: path, written, changes: lockChanges(old, next) }, withPins);
}

;// CONCATENATED MODULE: ./lib/stages/install/failure-words.js


function failureMessage(failure) {
    const summary = causeSummary(failure.cause);
    const head = failure.sameCauseAs
        ? `${summary} (not built separately: it is built like ${failure.sameCauseAs}, whose build met this cause in the build environment)`
        : summary;
    return failure.excerpt && failure.excerpt !== summary ? `${head}\n${failure.excerpt}` : head;
}
function failureFix(failure) {
    const again = failure.reproduce ? `; reproduce with: ${formatCommandLine(failure.reproduce)}` : '';
    return `${causeRemedy(failure.cause, failure.path)}, then rerun${again}`;
}
/** The dependency a cause is about, when several projects can share it. */
function sharedKey(cause) {
    if (cause.kind === 'dependency-unavailable')
        return cause.name;
    if (cause.kind === 'dependency-build-failed')
        return cause.dependency;
    if (cause.kind === 'externally-managed')
        return 'externally-managed';
    return null;
}
/** One finding per dependency (or environment refusal) that failed two or more module directories. */
function failure_words_environmentFindings(failed) {
    const groups = new Map();
    for (const failure of failed) {
        const key = sharedKey(failure.cause);
        if (key === null)
            continue;
        const reproduce = failure.reproduce ? formatCommandLine(failure.reproduce) : null;
        const group = groups.get(key) ?? {
            cause: failure.cause,
            ids: new Set(),
            paths: new Set(),
            reproduce,
        };
        group.ids.add(failure.id);
        group.paths.add(failure.path);
        groups.set(key, group);
    }
    return [...groups.values()]
        .filter((group) => group.paths.size >= 2)
        .map(({ cause, ids, reproduce }) => ({
        code: cause.kind,
        message: `${describeShared(cause)}: ${ids.size} modules cannot install`,
        fix: causeRemedy(cause, ''),
        modules: [...ids],
        reproduce,
    }));
}
function describeShared(cause) {
    if (cause.kind === 'dependency-unavailable')
        return `${cause.name} is not in the environment and the installer cannot find it`;
    if (cause.kind === 'dependency-build-failed')
        return `${cause.dependency} is not in the environment and cannot be built from ${cause.url ?? 'source'}`;
    return causeSummary(cause);
}

;// CONCATENATED MODULE: ./lib/lock/compare-lock.js

function layerPhrase(layer) {
    return layer === 'profile' ? 'from the declared source' : `by the ${layer} layer`;
}
function gitParts(source) {
    if (!source.startsWith('git+'))
        return null;
    try {
        const parsed = parseGitUri(source);
        return { url: parsed.url, ref: parsed.ref, subdirectory: parsed.subdirectory };
    }
    catch {
        return null;
    }
}
/** How the current entry differs from the locked one, in words; null when they are the same. */
function describeDifference(now, locked) {
    if (now.layer !== locked.layer)
        return `resolved ${layerPhrase(now.layer)}, locked ${layerPhrase(locked.layer)}`;
    const verb = now.layer === 'profile' ? 'declared' : 'resolved';
    const a = gitParts(now.source);
    const b = gitParts(locked.source);
    if (a && b && a.url === b.url) {
        if (a.ref !== b.ref)
            return `${verb} @${a.ref}, locked @${b.ref}`;
        if (a.subdirectory !== b.subdirectory)
            return `${verb} #subdirectory=${a.subdirectory ?? '(none)'}, locked #subdirectory=${b.subdirectory ?? '(none)'}`;
    }
    if (now.source !== locked.source)
        return `${verb} ${now.source}, locked ${locked.source}`;
    return null;
}
function mismatchOf(module, lock) {
    const locked = lock.modules.get(module.key);
    if (!locked)
        return { message: `${module.key}: not in the lock`, fix: 'amplifier-modules lock' };
    const update = `amplifier-modules lock --update ${module.id}`;
    const difference = describeDifference(module.entry, locked);
    if (difference)
        return { message: `${module.key}: ${difference}`, fix: update };
    if (module.repository !== null && !lock.repositories.has(module.repository))
        return { message: `${module.key}: ${module.repository} has no pinned commit in the lock`, fix: update };
    return null;
}
/**
 * `current` holds the modules that resolved; `declaredKeys` every module declared (an unresolved one is reported as
 * unresolved, not as gone from the lock).
 */
function compareWithLock(lockPath, lock, current, declaredKeys, includes) {
    const mismatches = new Map();
    for (const module of current) {
        const mismatch = mismatchOf(module, lock);
        if (mismatch)
            mismatches.set(module.key, mismatch);
    }
    const extra = [];
    for (const key of lock.modules.keys()) {
        if (declaredKeys.has(key))
            continue;
        extra.push({
            code: 'lock-mismatch',
            message: `${key}: in the lock but no longer declared`,
            file: lockPath,
            fix: 'amplifier-modules lock (drops it from the lock)',
        });
    }
    if (includes.uris) {
        for (const uri of includes.uris) {
            if (lock.includes.has(uri))
                continue;
            extra.push({
                code: 'lock-mismatch',
                message: `include ${uri}: not in the lock`,
                file: lockPath,
                fix: 'amplifier-modules lock',
            });
        }
        for (const uri of lock.includes.keys()) {
            if (includes.uris.has(uri))
                continue;
            extra.push({
                code: 'lock-mismatch',
                message: `include ${uri}: in the lock but no longer included`,
                file: lockPath,
                fix: 'amplifier-modules lock (drops it from the lock)',
            });
        }
    }
    return { mismatches, extra };
}

;// CONCATENATED MODULE: ./lib/commands/lock/locked-run.js





function lockedRun(options, ports) {
    const wanted = options.locked || options.frozen || options.lockIfPresent;
    if (!wanted)
        return null;
    const frozen = Boolean(options.frozen || options.lockIfPresent);
    let loaded = null;
    const includes = new Set();
    const skippedIncludes = new Set();
    const nowReachable = [];
    return {
        async onFiles(files) {
            const path = lockPathFor(options.lockFile, files, options.workspace);
            if (options.lockIfPresent && !options.locked && !options.frozen && !(await lockExists(ports.fs, path))) {
                ports.logger.debug(`no lock file at ${path}; pins are asked of the remotes`);
                return;
            }
            loaded = { path, lock: await readLock(ports.fs, path, ports.wording) };
            ports.logger.info(`using the lock file ${path}${frozen ? ' (frozen: no ls-remote)' : ''}`);
        },
        file: () => loaded?.path ?? null,
        includeCommit(uri) {
            const key = withoutUserinfo(uri);
            if (!skippedIncludes.has(key))
                includes.add(key);
            return loaded?.lock.includes.get(key) ?? null;
        },
        async locateInclude(uri, locate) {
            const key = withoutUserinfo(uri);
            const skipped = loaded?.lock.skippedIncludes?.get(key);
            if (skipped === undefined)
                return locate();
            skippedIncludes.add(key);
            if (frozen)
                return { unavailable: `skipped, as the lock records (${skipped})` };
            const located = await locate();
            if (!('unavailable' in located)) {
                nowReachable.push({
                    code: 'lock-mismatch',
                    message: `include ${key}: skipped in the lock (${skipped}), but reachable now`,
                    file: loaded?.path,
                    fix: 'run amplifier-modules lock to lock it, and commit the lock',
                });
            }
            return located;
        },
        fetchContext(ctx) {
            const lock = loaded?.lock;
            if (!lock)
                return ctx;
            return { ...ctx, frozen, lockedCommit: (location) => lock.repositories.get(repositoryKey(location)) ?? null };
        },
        compare(modules) {
            if (!loaded)
                return { modules, warnings: [] };
            const current = [];
            const declaredKeys = new Set();
            for (const module of modules) {
                const key = moduleKey(module.resolved.declaration);
                declaredKeys.add(key);
                const layer = module.resolved.resolution.layer;
                if (module.status !== 'ok' || layer === null || module.source === null)
                    continue;
                current.push({
                    id: module.resolved.declaration.id,
                    key,
                    entry: lockedModuleFor(layer, module.source, null, options.workspace),
                    repository: module.source.type === 'git' ? repositoryKey(module.source) : null,
                });
            }
            const comparison = compareWithLock(loaded.path, loaded.lock, current, declaredKeys, { uris: includes });
            const lockPath = loaded.path;
            return {
                modules: modules.map((module) => {
                    const mismatch = comparison.mismatches.get(moduleKey(module.resolved.declaration));
                    if (!mismatch)
                        return module;
                    const finding = { code: 'lock-mismatch', message: mismatch.message, file: lockPath };
                    return module_outcome_failed(module, 'lock-mismatch', [finding], mismatch.fix);
                }),
                warnings: [...comparison.extra, ...nowReachable],
            };
        },
    };
}

;// CONCATENATED MODULE: ./lib/commands/module-run/audit-stage.js
/** The import-target audit of every declared module that is still ok: one scan, one probe of the interpreter. */



/** The finding's own fix when it has one; otherwise reinstall from where the resolution says the module is. */
function auditFix(module, audit, python, installer) {
    const own = audit.findings.find((f) => f.fix)?.fix;
    if (own)
        return own;
    const dir = audit.reinstallFrom ?? (module.source?.type === 'package' ? null : module.resolved.resolution.path);
    if (dir)
        return reinstallFix(installer ?? 'pip', python, dir);
    const at = module.resolved.declaration.declaredAt;
    return `the module's directory is gone: restore it, or point the source at ${at.file}:${at.line} to where the module now is, then run amplifier-modules install`;
}
function audited(module) {
    return module.status === 'ok' && !module.nonPython;
}
/**
 * The environment as it is, for every module still ok except those in `known` (audits that still hold: modules this
 * run did not install); the result holds both.
 */
async function auditEnvironment(modules, options, ports, session, installer, known = new Map()) {
    const inputs = new Map();
    for (const module of modules.filter(audited)) {
        const id = module.resolved.declaration.id;
        if (inputs.has(id) || known.has(id))
            continue;
        const { layer, path, source } = module.resolved.resolution;
        inputs.set(id, {
            id,
            expectedPath: layer === 'package' ? null : path,
            origin: source?.type === 'git' ? { url: source.url, ref: source.ref } : null,
        });
    }
    const results = new Map(known);
    if (inputs.size === 0)
        return results;
    const fresh = await auditModules([...inputs.values()], {
        fs: ports.fs,
        session,
        importCheck: options.importCheck,
        logger: ports.logger,
        ...(installer ? { installer } : {}),
    });
    for (const [id, audit] of fresh)
        results.set(id, audit);
    return results;
}
/** Each module with its audit's findings, failed with the audit's status and fix when the audit found a fault. */
async function auditStage(modules, options, ports, session, installer, known = new Map()) {
    const results = await auditEnvironment(modules, options, ports, session, installer, known);
    const { python } = session.environment;
    return modules.map((module) => {
        const audit = audited(module) ? results.get(module.resolved.declaration.id) : undefined;
        if (!audit)
            return module;
        if (audit.status === 'ok')
            return { ...module, findings: [...module.findings, ...audit.findings] };
        return module_outcome_failed(module, audit.status, audit.findings, auditFix(module, audit, python, installer));
    });
}

;// CONCATENATED MODULE: ./lib/stages/audit/bundle-package-audit.js
/**
 * A bundle's own Python package, audited like a module: is its distribution installed, and when it is installed
 * editable, does the install point at the bundle directory the composition uses (not a rotated or deleted one)?
 * An installed wheel counts as installed, as Amplifier's `Bundle.prepare` counts it.
 */

async function auditBundlePackage(scan, name, root, fs) {
    const dist = scan.dists.find((d) => d.info.key === normalizeName(name));
    if (!dist)
        return { status: 'not-installed', detail: `no distribution named ${name} is installed` };
    if (!dist.editable)
        return { status: 'ok', detail: '' };
    const from = dist.installedFrom;
    if (from !== null && from !== root) {
        return (await fs.stat(from)) === null
            ? { status: 'dangling', detail: `its editable install points at ${from}, which no longer exists` }
            : { status: 'stale', detail: `installed editable from ${from}; the composition uses ${root}` };
    }
    const missing = dist.targets.find((target) => !target.exists);
    if (missing)
        return { status: 'dangling', detail: `${missing.file} points at ${missing.target}, which does not exist` };
    return { status: 'ok', detail: '' };
}

;// CONCATENATED MODULE: ./lib/commands/module-run/install-dry-run.js

/** Each module with what the install would do; the batch is said in the log. */
function dryRunOutcomes(modules, dirs, ports) {
    const wanted = [...dirs].filter(([, plan]) => plan.reason !== null);
    ports.logger.info(wanted.length === 0
        ? 'dry run: nothing to install, every module is up to date'
        : `dry run: would install ${wanted.length} module(s): ${wanted.map(([, plan]) => `${plan.id} (${plan.reason})`).join(', ')}`);
    return modules.map((module) => {
        const path = installable(module);
        const plan = path ? dirs.get(path) : undefined;
        if (!plan)
            return module;
        return {
            ...module,
            install: plan.reason === null
                ? { installed: false, reason: 'up to date' }
                : { installed: false, wouldInstall: true, reason: plan.reason },
        };
    });
}

;// CONCATENATED MODULE: ./lib/commands/module-run/install-plan.js


function movedReason(from, to) {
    if (from === null)
        return `installed without an editable link to ${to}`;
    const before = locateClone(from);
    const after = locateClone(to);
    if (before && after && before.repo === after.repo && before.hash !== after.hash) {
        return `moved from hash ${before.hash} to ${after.hash}`;
    }
    return `moved from ${from} to ${to}`;
}
function auditReason(input) {
    const { audit } = input;
    if (!audit)
        return 'not audited before installing';
    if (audit.status === 'ok')
        return null;
    const codes = new Set(audit.findings.map((f) => f.code));
    if (codes.has('not-installed'))
        return 'new';
    if (codes.has('installed-not-editable'))
        return 'installed as a regular package, not editable';
    if (audit.status === 'stale' || audit.status === 'dangling')
        return movedReason(audit.installedFrom, input.path);
    return `the installed module is ${audit.status} (${audit.findings[0]?.code ?? 'no finding'})`;
}
function metadataReason(input, state) {
    const { fingerprint } = input;
    if (!fingerprint.ok)
        return `metadata unreadable: ${fingerprint.error}`;
    const record = state.modules.get(input.path);
    if (!record)
        return state.lost === 'unreadable' ? 'install record unreadable' : 'no install record';
    if (record.pyproject_hash === fingerprint.value.combined)
        return null;
    const changed = changedFiles(record.files, fingerprint.value.files);
    return changed.length > 0 ? `${changed.join(' and ')} changed` : 'build metadata changed';
}
function installReason(input, state, reinstall) {
    if (reinstall)
        return '--reinstall';
    if (state.lost === 'environment-rebuilt')
        return 'the environment was rebuilt since the last install';
    return auditReason(input) ?? metadataReason(input, state);
}

;// CONCATENATED MODULE: ./lib/commands/module-run/install-stage.js
/**
 * One batched editable install of the modules that need it (docs/architecture.md): a module whose editable install is
 * intact and whose build metadata is unchanged since this tool installed it is audited as it is, everything else (new,
 * moved to another cache directory, dangling, metadata changed or unknown, `--reinstall`) is installed. Several
 * declarations of one directory (the session's and agents') are installed once.
 */








async function planDirs(modules, before, options, ports, environment) {
    const record = await loadInstallState(ports.fs, options.home, environment);
    const ids = new Map();
    for (const module of modules) {
        const path = installable(module);
        if (path && !ids.has(path))
            ids.set(path, module.resolved.declaration.id);
    }
    const planned = await Promise.all([...ids].map(async ([path, id]) => {
        const fingerprint = await fingerprintOf(ports.fs, path);
        const reason = installReason({ path, audit: before.get(id), fingerprint }, record, options.reinstall ?? false);
        return [path, { id, fingerprint, reason }];
    }));
    return { dirs: new Map(planned), record };
}
/** What an installer run needs from the run: the environment, the installer and its flags, the ports. */
function installContext(options, ports, session) {
    return {
        session,
        installer: options.installer,
        wording: ports.wording,
        extraArgs: options.installerArgs,
        env: ports.env,
        fs: ports.fs,
        exec: ports.exec,
        logger: ports.logger,
        heartbeatMs: heartbeatMsFrom(ports.env.AMPLIFIER_MODULES_HEARTBEAT_SECONDS),
    };
}
async function installStage(modules, before, options, ports, session) {
    const { dirs, record } = await planDirs(modules, before, options, ports, session.environment);
    const requests = [...dirs].filter(([, plan]) => plan.reason !== null).map(([path, plan]) => ({ id: plan.id, path }));
    const outcome = await installModules(options.dryRun ? [] : requests, installContext(options, ports, session));
    if (options.dryRun)
        return { modules: dryRunOutcomes(modules, dirs, ports), outcome, installedIds: new Set() };
    const failures = new Map(outcome.failed.map((f) => [f.path, f]));
    const skipped = new Map(outcome.skipped.map((s) => [s.path, s]));
    const installedIds = new Set();
    for (const request of outcome.installed) {
        const plan = dirs.get(request.path);
        if (plan)
            recordInstall(record, request.path, plan.fingerprint);
    }
    for (const path of failures.keys())
        record.modules.delete(path);
    const after = modules.map((module) => {
        const path = installable(module);
        const plan = path ? dirs.get(path) : undefined;
        if (!path || !plan)
            return module;
        const failure = failures.get(path);
        if (failure) {
            const finding = { code: 'install-failed', message: failureMessage(failure), target: path };
            return module_outcome_failed(module, 'install-failed', [finding], failureFix(failure));
        }
        const skip = skipped.get(path);
        if (skip) {
            const finding = { code: 'not-python', message: `not installed: ${skip.reason}`, target: path };
            return { ...module, nonPython: true, findings: [...module.findings, finding] };
        }
        if (plan.reason !== null)
            installedIds.add(module.resolved.declaration.id);
        return {
            ...module,
            install: plan.reason === null ? { installed: false, reason: 'up to date' } : { installed: true, reason: plan.reason },
        };
    });
    if (requests.length > 0 || record.lost !== null) {
        // A record that cannot be written costs a reinstall next time, never a wrong answer now.
        await saveInstallState(ports.fs, record).catch((error) => ports.logger.warn(`could not write the install record ${record.file}: ${String(error)}; the next run reinstalls`));
    }
    return { modules: after, outcome, installedIds };
}

;// CONCATENATED MODULE: ./lib/commands/module-run/bundle-package-stage.js
/**
 * Bundle packages (Amplifier's `Bundle.prepare`): every bundle in the composition whose root pyproject.toml has
 * `[project]` or `[build-system]` has its package installed editable before the modules, because modules import from
 * it. One already installed is left alone (as upstream does) unless its editable install dangles or points at
 * another directory; each is a row of the report, audited like a module.
 */









async function candidates(roots, ports) {
    const found = [];
    for (const root of roots) {
        const project = await readProject(ports.fs, root);
        if (project.kind === 'pyproject' && project.facts.declaresPackage && project.facts.name) {
            found.push({ name: project.facts.name, root });
        }
    }
    return found;
}
const REASONS = {
    'not-installed': 'not installed',
    dangling: 'its editable install dangled',
    stale: 'installed from another directory',
};
/** `install --dry-run`: each bundle package as it is, and whether (and why) it would be installed; nothing is. */
function dryRunRows(found, toInstall, before, reinstall) {
    return found.map((candidate, index) => {
        const status = before[index]?.status ?? 'not-installed';
        const would = toInstall.includes(candidate);
        const reason = reinstall ? '--reinstall' : REASONS[status === 'ok' ? 'not-installed' : status];
        return {
            name: candidate.name,
            path: candidate.root,
            bundle: (0,external_node_path_.join)(candidate.root, 'pyproject.toml'),
            status: 'ok',
            install: would ? { installed: false, wouldInstall: true, reason } : { installed: false, reason: 'up to date' },
            findings: [],
            fix: null,
        };
    });
}
/** `install` false (verify --no-install): audits only. */
async function bundlePackageStage(roots, options, ports, session, install) {
    const { environment } = session;
    const found = await candidates(roots, ports);
    if (found.length === 0)
        return { rows: [], outcome: null };
    const scan = await scanSitePackages(ports.fs, environment.sitePackages);
    const before = await Promise.all(found.map((c) => auditBundlePackage(scan, c.name, c.root, ports.fs)));
    const toInstall = install ? found.filter((_, index) => options.reinstall || before[index]?.status !== 'ok') : [];
    if (options.dryRun)
        return { rows: dryRunRows(found, toInstall, before, options.reinstall ?? false), outcome: null };
    const outcome = toInstall.length === 0
        ? null
        : await installModules(toInstall.map((c) => ({ id: c.name, path: c.root })), installContext(options, ports, session));
    const after = outcome ? await scanSitePackages(ports.fs, environment.sitePackages) : scan;
    const rows = [];
    for (const [index, candidate] of found.entries()) {
        const failure = outcome?.failed.find((f) => f.path === candidate.root);
        const installed = toInstall.includes(candidate) && !failure;
        const reason = REASONS[before[index]?.status === 'ok' ? 'not-installed' : (before[index]?.status ?? 'not-installed')];
        const base = {
            name: candidate.name,
            path: candidate.root,
            bundle: (0,external_node_path_.join)(candidate.root, 'pyproject.toml'),
            install: { installed, reason: installed ? (options.reinstall ? '--reinstall' : reason) : 'up to date' },
        };
        if (failure) {
            rows.push({
                ...base,
                status: 'install-failed',
                findings: [{ code: 'install-failed', message: failureMessage(failure), target: candidate.root }],
                fix: failureFix(failure),
            });
            continue;
        }
        const audit = await auditBundlePackage(after, candidate.name, candidate.root, ports.fs);
        rows.push({
            ...base,
            status: audit.status,
            findings: audit.status === 'ok'
                ? []
                : [
                    {
                        code: audit.status === 'not-installed' ? 'not-installed' : 'pth-target-missing',
                        message: audit.detail,
                        target: candidate.root,
                    },
                ],
            fix: audit.status === 'ok'
                ? null
                : `install the bundle's package: \`${(ports.wording ?? CLI_WORDING).command('install')}\` with this bundle, or ${reinstallFix(outcome?.installer ?? 'pip', session.environment.python, candidate.root)}`,
        });
    }
    return { rows, outcome };
}

;// CONCATENATED MODULE: ./lib/commands/module-run/unreachable-warning.js


const FIX = 'check the network and the host, then run again to pick up upstream changes; --offline skips asking the remote';
function remoteUnreachableWarning(subject, why, cached, at) {
    return {
        code: 'remote-unreachable',
        message: `${subject}: ${why}; used the clone the module cache holds (${cached.commit.slice(0, 12)}), which may be behind ${cached.ref}`,
        ...(at ? { file: at.file, line: at.line } : {}),
        fix: FIX,
    };
}
/** The warning for a git include the cached clone stood in for; null when the remote answered. */
function includeStoodIn(uri, located) {
    if ('unavailable' in located || !located.unreachable || !located.commit)
        return null;
    const { ref } = parseGitUri(uri);
    return remoteUnreachableWarning(`include ${maskUserinfo(uri)}`, located.unreachable, { commit: located.commit, ref });
}

;// CONCATENATED MODULE: ./lib/commands/module-run/include-locator.js


function includeLocator(needs, ports) {
    const { locked } = needs;
    const includeCommit = (uri) => locked?.includeCommit(uri) ?? null;
    const stoodIn = [];
    const fetch = async (uri) => {
        await needs.environment();
        await needs.guard.hold();
        const fetchOne = () => fetchGitInclude(needs.fetchContext(), includeCommit)(uri);
        const located = await (locked ? locked.locateInclude(uri, fetchOne) : fetchOne());
        const warning = includeStoodIn(uri, located);
        if (warning)
            stoodIn.push(warning);
        return located;
    };
    const fromCache = (uri) => {
        const inCache = async () => {
            includeCommit(uri);
            return locateGitIncludeInCache(needs.home, ports)(uri);
        };
        return locked ? locked.locateInclude(uri, inCache) : inCache();
    };
    return { locate: needs.fetches ? fetch : fromCache, stoodIn: () => stoodIn };
}

;// CONCATENATED MODULE: ./lib/commands/module-run/phase-timer.js
/** Each call logs the time since the previous call (or since the timer was made) under `phase`. */
function phaseTimer(clock, logger) {
    let last = clock.now();
    return (phase) => {
        const now = clock.now();
        logger.debug(`timing: ${phase} ${Math.round(now - last)} ms`);
        last = now;
    };
}

;// CONCATENATED MODULE: ./lib/ci-cache/cache-key.js
/**
 * The CI cache key: `<prefix>-<os>-<hash of the pinned clones>`, restore key `<prefix>-<os>-`. It holds what
 * changes the cached content and nothing else: which layout-A clone directories there are and the commit each is
 * at. Module ids, subdirectories and the CPU architecture do not change a byte of a clone, so they are not in it
 * (an ARM and an x64 runner share one entry); the OS is, because the cache service keeps entries made on Windows
 * apart and the clones' absolute paths differ per OS anyway. Pure: the same clones in any order give the same key.
 */


/** The cache service's own limit. */
const MAX_KEY_LENGTH = 512;
const HASH_LENGTH = 64;
function checkPart(name, value) {
    if (value === '' || /[,\s]/.test(value)) {
        throw new errors/* InputError */.dz('invalid-value', `cache key ${name} '${value}' is empty or contains a comma or whitespace`, {
            fix: `set a ${name} of letters, digits, '-', '_' or '.'`,
        });
    }
}
function cacheRestoreKey(prefix, os) {
    checkPart('prefix', prefix);
    checkPart('os', os);
    const restoreKey = `${prefix}-${os}-`;
    if (restoreKey.length + HASH_LENGTH > MAX_KEY_LENGTH) {
        throw new errors/* InputError */.dz('invalid-value', `cache-key-prefix is too long (${prefix.length} characters)`, {
            fix: `use a prefix of at most ${MAX_KEY_LENGTH - HASH_LENGTH - os.length - 2} characters`,
        });
    }
    return restoreKey;
}
/** Sorted, de-duplicated `dir commit` lines, hashed. */
function pinnedSetHash(clones) {
    const lines = [...new Set(clones.map((clone) => `${clone.dir} ${clone.commit?.toLowerCase() ?? '-'}`))].sort();
    return (0,external_node_crypto_.createHash)('sha256').update(lines.join('\n'), 'utf8').digest('hex');
}
function cacheKey(prefix, os, clones) {
    return `${cacheRestoreKey(prefix, os)}${pinnedSetHash(clones)}`;
}

;// CONCATENATED MODULE: ./lib/ci-cache/cache-plan.js
/** The CI cache plan the warm stage makes and the action's post step carries out. */
function planSave(facts) {
    if (facts.mode === 'restore-only')
        return { kind: 'skip', reason: 'restore-only' };
    if (facts.serviceFailed)
        return { kind: 'skip', reason: 'service-unavailable' };
    if (facts.exactHit)
        return { kind: 'skip', reason: 'exact-hit' };
    if (!facts.allFetched)
        return { kind: 'skip', reason: 'fetch-failed' };
    return { kind: 'save', key: facts.key };
}
/** The reason as the post step's log says it. */
function describeSkip(reason, key) {
    switch (reason) {
        case 'restore-only':
            return 'restore-only: true';
        case 'exact-hit':
            return `exact hit on ${key}; nothing new to save`;
        case 'fetch-failed':
            return 'a repository could not be fetched, so the module set under this key is incomplete';
        case 'service-unavailable':
            return 'the cache service failed in the main step (see its warning)';
    }
}

;// CONCATENATED MODULE: ./lib/ci-cache/pinned-tree.js
/**
 * The file list of a pinned commit, proven against the commit id itself: git only reads the objects, and every
 * object on the way (the commit, then each tree) is hashed here and compared with the id that named it. A restored
 * clone's object store may have been rewritten (a loose object swapped under a known name, replace refs, alternates);
 * none of that can change a list that hashes back to the pinned commit.
 */



/** `<type> <size>\0<content>` hashed with the repository's algorithm (SHA-1 ids are 40 hex, SHA-256 ids 64). */
function gitObjectId(type, content, idLength) {
    const hash = (0,external_node_crypto_.createHash)(idLength === 64 ? 'sha256' : 'sha1');
    hash.update(`${type} ${content.length}\0`, 'utf8');
    return hash.update(content).digest('hex');
}
/** Reading must not run anything the clone's own configuration asks for, nor honour replacement objects. */
async function gitText(reader, dir, args) {
    const result = await runReadOnlyGit(reader, dir, args);
    return result.code === 0 && result.spawnError === null ? result.stdout : null;
}
/** The raw tree object git would have stored for these entries, in their stored order. */
function treeContent(children) {
    return Buffer.concat(children.map(({ name, entry }) => Buffer.concat([Buffer.from(`${entry.mode} ${name}\0`, 'utf8'), Buffer.from(entry.id, 'hex')])));
}
function parseListing(text) {
    const parsed = [];
    for (const record of text.split('\0')) {
        if (record === '')
            continue;
        const match = /^([0-7]+) [a-z]+ ([0-9a-f]{40,64})\t(.+)$/s.exec(record);
        if (!match)
            return null;
        const [, mode = '', id = '', path = ''] = match;
        parsed.push({ path, entry: { mode: mode.replace(/^0+/, ''), id } });
    }
    return parsed;
}
function parentOf(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
}
/** Every tree in the listing must hash to the id its parent (or the commit) gives it. */
function verifyTrees(rootId, listing) {
    const children = new Map([['', []]]);
    const treeIds = new Map([['', rootId]]);
    for (const { path, entry } of listing) {
        const parent = parentOf(path);
        children.get(parent)?.push({ name: parent === '' ? path : path.slice(parent.length + 1), entry });
        if (entry.mode === '40000') {
            children.set(path, []);
            treeIds.set(path, entry.id);
        }
    }
    for (const [path, id] of treeIds) {
        if (gitObjectId('tree', treeContent(children.get(path) ?? []), id.length) !== id) {
            return `the tree of '${path || '.'}' does not hash to ${id}`;
        }
    }
    return null;
}
/** The blobs, links and submodules of `commit` by path (trees included), or why they cannot be trusted. */
async function readPinnedTree(reader, dir, commit) {
    const commitText = await gitText(reader, dir, ['cat-file', 'commit', commit]);
    if (commitText === null)
        return err(`commit ${commit} is not in the clone`);
    if (gitObjectId('commit', Buffer.from(commitText, 'utf8'), commit.length) !== commit) {
        return err(`the stored commit object does not hash to ${commit}`);
    }
    const rootId = /^tree ([0-9a-f]{40,64})$/m.exec(commitText)?.[1];
    if (!rootId)
        return err(`commit ${commit} names no tree`);
    const listingText = await gitText(reader, dir, ['ls-tree', '-r', '-t', '-z', '--full-tree', rootId]);
    const listing = listingText === null ? null : parseListing(listingText);
    if (listing === null)
        return err(`the tree of commit ${commit} cannot be read`);
    const broken = verifyTrees(rootId, listing);
    if (broken)
        return err(broken);
    return ok(new Map(listing.map(({ path, entry }) => [path, entry])));
}

;// CONCATENATED MODULE: ./lib/ci-cache/clone-integrity.js
/**
 * Is a clone in the module cache exactly its pinned commit? A job must never use a clone that differs: any
 * modified, removed or added file (tracked, untracked or ignored, a stray `__pycache__/*.pyc` included) makes it
 * differ, and so does a `.git` that would run code (hooks, a config key outside the few a plain clone has). The only
 * file allowed beside the commit's own is the module cache's metadata file at the root.
 *
 * Before saving, files a step added (an install's `<name>.egg-info` or `build/`, a `.pyc`) are no reason to refuse:
 * with `untracked: 'collect'` they are listed instead, and the post step leaves them out of the archive. A changed
 * tracked file, a removed one or a `.git` that runs code still makes the clone differ.
 */




/** What `git init --template=` and our fetch write; anything else (fsmonitor, hooksPath, filters, includes) could run code. */
const ALLOWED_CONFIG = new Set([
    'core.repositoryformatversion',
    'core.filemode',
    'core.bare',
    'core.logallrefupdates',
    'core.ignorecase',
    'core.precomposeunicode',
    'core.symlinks',
    'core.autocrlf',
    'remote.origin.url',
    'remote.origin.fetch',
    'extensions.objectformat',
]);
const SECTION = /^\s*\[([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\]\s*$/;
const KEY = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(?:=.*)?$/;
const MAX_LISTED = 5;
/** The config keys a `.git/config` sets, or null when a line is not plain `key = value` (we do not guess). */
function configKeys(text) {
    const keys = [];
    let section = null;
    for (const line of text.split(/\r?\n/)) {
        const trimmed = line.trim();
        if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';'))
            continue;
        const header = SECTION.exec(line);
        if (header) {
            section = `${header[1]?.toLowerCase()}${header[2] === undefined ? '' : `.${header[2]}`}`;
            continue;
        }
        const key = KEY.exec(line)?.[1];
        if (!key || section === null)
            return null;
        keys.push(`${section}.${key.toLowerCase()}`);
    }
    return keys;
}
async function gitDirProblem(ports, dir) {
    const gitDir = (0,external_node_path_.join)(dir, '.git');
    const stat = await ports.fs.lstat(gitDir);
    if (!stat?.isDirectory)
        return '.git is not a directory';
    if (await ports.fs.lstat((0,external_node_path_.join)(gitDir, 'commondir')))
        return '.git/commondir points elsewhere';
    for (const entry of (await ports.fs.readdir((0,external_node_path_.join)(gitDir, 'hooks'))) ?? []) {
        if (!entry.endsWith('.sample'))
            return `.git/hooks/${entry} was added`;
    }
    const config = (await ports.fs.stat((0,external_node_path_.join)(gitDir, 'config')))?.isFile
        ? (await ports.fs.readFile((0,external_node_path_.join)(gitDir, 'config'))).toString('utf8')
        : '';
    const keys = configKeys(config);
    if (keys === null)
        return '.git/config is not plain key = value lines';
    const foreign = keys.find((key) => !ALLOWED_CONFIG.has(key));
    return foreign ? `.git/config sets ${foreign}` : null;
}
/** A blob matches as stored, or after CRLF -> LF (a checkout with core.autocrlf, as on Windows runners). */
function blobMatches(content, id) {
    if (gitObjectId('blob', content, id.length) === id)
        return true;
    if (!content.includes(13) || content.includes(0))
        return false;
    const lf = Buffer.from(content.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    return gitObjectId('blob', lf, id.length) === id;
}
async function walkDir(ports, root, relDir, walk) {
    const absolute = relDir === '' ? root : (0,external_node_path_.join)(root, ...relDir.split('/'));
    for (const entry of await ports.tree.list(absolute)) {
        if (walk.differences.length > MAX_LISTED)
            return;
        const path = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
        if (relDir === '' && (entry.name === '.git' || (entry.name === CACHE_META_FILE && entry.kind === 'file')))
            continue;
        const want = walk.expected.get(path);
        if (!want && walk.tolerated(path, entry.kind))
            continue;
        walk.seen.add(path);
        const file = (0,external_node_path_.join)(absolute, entry.name);
        if (!want) {
            if (walk.untracked)
                walk.untracked.push(path);
            else
                walk.differences.push(`${path} (added)`);
        }
        else if (entry.kind === 'directory') {
            if (want.mode === '40000')
                await walkDir(ports, root, path, walk);
            else if (want.mode !== '160000' || (await ports.tree.list(file)).length > 0) {
                walk.differences.push(`${path} (${want.mode === '160000' ? 'submodule directory not empty' : 'replaced'})`);
            }
        }
        else if (entry.kind === 'symlink') {
            const target = Buffer.from(await ports.tree.readlink(file), 'utf8');
            if (want.mode !== '120000' || !blobMatches(target, want.id))
                walk.differences.push(`${path} (modified)`);
        }
        else if (entry.kind === 'file' && (want.mode === '100644' || want.mode === '100755' || want.mode === '120000')) {
            if (!blobMatches(await ports.tree.read(file), want.id))
                walk.differences.push(`${path} (modified)`);
            else if (ports.platform !== 'win32' && want.mode !== '120000' && entry.executable !== (want.mode === '100755')) {
                walk.differences.push(`${path} (mode changed)`);
            }
        }
        else {
            walk.differences.push(`${path} (replaced)`);
        }
    }
}
function summarise(differences) {
    const shown = differences.slice(0, MAX_LISTED).join(', ');
    return differences.length > MAX_LISTED ? `${shown}, and more` : shown;
}
/** Compares the clone in `dir` with `commit`; never throws (an unreadable clone is simply not pristine). */
async function checkCloneIntegrity(ports, dir, commit, options = { untracked: 'differs' }) {
    try {
        const gitProblem = await gitDirProblem(ports, dir);
        if (gitProblem)
            return { pristine: false, reason: gitProblem };
        const head = await readHeadCommit(ports.fs, dir);
        if (head !== commit)
            return { pristine: false, reason: `HEAD is ${head ?? 'unreadable'}, not ${commit}` };
        const pinned = await readPinnedTree(ports, dir, commit);
        if (!pinned.ok)
            return { pristine: false, reason: pinned.error };
        const untracked = options.untracked === 'collect' ? [] : null;
        const walk = {
            expected: pinned.value,
            tolerated: options.tolerated ?? (() => false),
            seen: new Set(),
            differences: [],
            untracked,
        };
        await walkDir(ports, dir, '', walk);
        for (const [path, entry] of pinned.value) {
            if (walk.differences.length > MAX_LISTED)
                break;
            if (entry.mode !== '40000' && entry.mode !== '160000' && !walk.seen.has(path)) {
                walk.differences.push(`${path} (removed)`);
            }
        }
        if (walk.differences.length > 0)
            return { pristine: false, reason: summarise(walk.differences) };
        return untracked ? { pristine: true, untracked } : { pristine: true };
    }
    catch (error) {
        return { pristine: false, reason: `cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
}

;// CONCATENATED MODULE: ./lib/ci-cache/working-tree.js
/**
 * The raw view of a clone's files the integrity check needs (entry kinds, the executable bit, link targets),
 * read with node:fs without following links. Kept behind an interface so the check stays testable on its own.
 */


function kindOf(entry) {
    if (entry.isSymbolicLink())
        return 'symlink';
    if (entry.isDirectory())
        return 'directory';
    return entry.isFile() ? 'file' : 'other';
}
const nodeWorkingTree = {
    async list(dir) {
        const entries = await external_node_fs_.promises.readdir(dir, { withFileTypes: true });
        return Promise.all(entries.map(async (entry) => {
            const kind = kindOf(entry);
            const executable = kind === 'file' && ((await external_node_fs_.promises.lstat((0,external_node_path_.join)(dir, entry.name))).mode & 0o111) !== 0;
            return { name: entry.name, kind, executable };
        }));
    },
    read: (file) => external_node_fs_.promises.readFile(file),
    readlink: (link) => external_node_fs_.promises.readlink(link),
};

;// CONCATENATED MODULE: ./lib/ci-cache/restore-screen.js
/**
 * What a CI cache restore brought is not trusted until checked: every clone directory on the cached paths after the
 * restore must be a complete clone that is exactly its commit, whether it appeared during the restore or was there
 * before (an entry is extracted over an existing clone on a self-hosted runner's persistent home, or after an earlier
 * warm step, and may overwrite any of its files). One that is not is removed (it is fetched again like any missing
 * clone), so a poisoned or damaged cache entry can never reach an install; one warning names every such clone.
 *
 * Untracked install leftovers in a clone (`*.egg-info/`, `build/`, `.eggs/` directories that an editable install
 * writes) are not the commit's, but they are what the install step writes again anyway: they do not make a clone
 * differ. Everything else does: a tracked file changed, added or removed, `.git` config or hooks, a `__pycache__`
 * (a compiled file is used instead of its source when their times match).
 */




const LEFTOVER_DIRECTORY = /(^|\/)(build|\.eggs|[^/]+\.egg-info)$/;
/** Directories an editable install (setuptools, pip) leaves in a project. */
const isInstallLeftover = (path, kind) => kind === 'directory' && LEFTOVER_DIRECTORY.test(path);
/**
 * Checks each directory against the commit `expectedCommit` gives for it (null: the clone's own HEAD, which is all
 * an offline run can know) and removes the ones that differ. A directory in `existedBefore` whose HEAD is not the
 * expected commit is left alone: the checkout step replaces it (its branch moved), so there is nothing to screen.
 */
async function screenRestoredClones(ctx, dirs, expectedCommit, existedBefore = new Set(), tree = nodeWorkingTree) {
    const kept = new Set();
    const discarded = [];
    const ports = { fs: ctx.fs, exec: ctx.exec, env: ctx.env, git: ctx.git, tree, platform: process.platform };
    for (const dir of dirs) {
        const head = await readHeadCommit(ctx.fs, dir);
        const commit = expectedCommit(dir) ?? head;
        if (existedBefore.has(dir) && commit !== null && head !== commit)
            continue;
        const verdict = commit
            ? await checkCloneIntegrity(ports, dir, commit, { untracked: 'differs', tolerated: isInstallLeftover })
            : { pristine: false, reason: 'no commit checked out' };
        if (verdict.pristine) {
            kept.add(dir);
            continue;
        }
        discarded.push({ dir, reason: verdict.reason });
        await ctx.fs.rm(dir);
    }
    if (discarded.length > 0) {
        const named = discarded.map(({ dir, reason }) => `${(0,external_node_path_.basename)(dir)} (${reason})`).join('; ');
        ctx.logger.warn(`The restored module cache held ${discarded.length} clone(s) that are not exactly their commit; discarded and fetched again: ${named}`);
    }
    return { kept, discarded };
}

;// CONCATENATED MODULE: ./lib/ci-cache/cached-warm.js
/**
 * warm with the CI cache around it: pin, compute the key from the pinned clones, restore the layout-A clone
 * directories (an exact hit means nothing to clone), screen every clone after the restore, fetch whatever is still
 * missing or moved, and plan whether the post step saves (cache-plan.ts). The cached paths are computed once here;
 * save must be given the very same strings (`@actions/cache` hashes them into the entry's version).
 */









function cachePathsFor(home, modules) {
    return [...new Set(modules.map((module) => layoutARepoDir(home, module)))].sort();
}
function keyFor(modules, pins, settings) {
    return cacheKey(settings.prefix, settings.os, modules.map((module) => {
        const pin = pins.get(pinKey(module));
        return { dir: layoutADirName(module), commit: isPinned(pin) ? pin.commit : null };
    }));
}
/** Each clone directory and the commit it must be at, for the post step's check before saving. */
function commitsByDir(home, modules, pins) {
    const commits = {};
    for (const location of distinctLocations(modules)) {
        const pin = pins.get(pinKey(location));
        if (isPinned(pin))
            commits[layoutARepoDir(home, location)] = pin.commit;
    }
    return commits;
}
async function existing(ctx, paths) {
    const found = new Set();
    for (const path of paths)
        if (await ctx.fs.lstat(path))
            found.add(path);
    return found;
}
/** The outcome of lookup-only when the entry exists: every pinned repository is accounted for by the cache. */
function lookedUpRepos(ctx, modules, pins) {
    return distinctLocations(modules).map((location) => {
        const pin = pins.get(pinKey(location));
        const base = { url: location.url, ref: location.ref, dir: layoutARepoDir(ctx.home, location), ms: 0 };
        if (isPinned(pin)) {
            return { ...base, commit: pin.commit, origin: 'ci-cache', error: null, code: null, reproduce: null };
        }
        const failure = pin && 'error' in pin ? pin : { error: 'never pinned', code: 'git-failed' };
        return {
            ...base,
            commit: null,
            origin: null,
            error: failure.error,
            code: failure.code,
            reproduce: ('reproduce' in failure ? failure.reproduce : undefined) ?? null,
        };
    });
}
/** fail-on-cache-miss, raised before anything is fetched. */
function cacheMiss(restoreKey, why, w = CLI_WORDING) {
    return new errors/* RuntimeFailure */.$c('cache-miss', `fail-on-cache-miss: ${why}; stopped before fetching anything`, undefined, `run a job with ${w.command('warm')} and the same profile first (the README's matrix recipe) so an entry ${restoreKey}… exists, or remove fail-on-cache-miss`);
}
/** With fail-on-cache-miss, a store that can look up by prefix is asked before pinning, so a miss calls no git. */
async function requireSomeEntry(paths, settings, w) {
    const restoreKey = cacheRestoreKey(settings.prefix, settings.os);
    if (!settings.store.available)
        throw cacheMiss(restoreKey, 'the Actions cache service is not available', w);
    if (!settings.store.find)
        return;
    const found = await settings.store.find(paths, restoreKey);
    if (found === null)
        throw cacheMiss(restoreKey, `no cache entry matches ${restoreKey}…`, w);
    if ('unavailable' in found)
        throw cacheMiss(restoreKey, `the cache service could not be asked (${found.unavailable})`, w);
}
function restoreTrouble(restored) {
    return 'unavailable' in restored ? restored.unavailable : `the entry is damaged: ${restored.damaged}`;
}
/** Restores (online: by key, offline: by prefix only, since nothing can be pinned before), then screens. */
async function restoreAndScreen(modules, ctx, settings, paths, pins, key) {
    const restoreKey = cacheRestoreKey(settings.prefix, settings.os);
    const commits = pins ? commitsByDir(ctx.home, modules, pins) : {};
    const before = await existing(ctx, paths);
    const restored = await settings.store.restore(paths, key ?? `${restoreKey}offline`, [restoreKey]);
    const after = [...(await existing(ctx, paths))];
    const appeared = after.filter((path) => !before.has(path));
    if (restored === null || !('matchedKey' in restored)) {
        // A restore that failed part-way (truncated or corrupt archive) can leave half-extracted clones behind that
        // would look valid to the reuse check; remove them so they are fetched fresh.
        await Promise.all(appeared.map((path) => ctx.fs.rm(path)));
        const serviceFailed = restored !== null && 'unavailable' in restored;
        if (restored !== null || appeared.length > 0) {
            const why = restored === null ? 'the restore stopped part-way' : restoreTrouble(restored);
            const partly = appeared.length > 0 ? `; ${appeared.length} partly restored clone(s) discarded` : '';
            const after = serviceFailed ? ', and this job saves no cache' : '';
            ctx.logger.warn(`The module cache could not be restored (${why})${partly}: modules are fetched from git${after}.`);
        }
        // A miss and a failure look the same here, and a failure may have written into the clones that were here.
        await screenRestoredClones(ctx, [...before], (dir) => commits[dir] ?? null, before);
        return { matchedKey: null, restoredDirs: new Set(), discarded: 0, serviceFailed };
    }
    ctx.logger.info(`module cache restored from ${restored.matchedKey}`);
    // Every clone is screened: the entry may have been extracted over one that was here before.
    const screened = await screenRestoredClones(ctx, after, (dir) => commits[dir] ?? null, before);
    return {
        matchedKey: restored.matchedKey,
        restoredDirs: new Set(appeared.filter((dir) => screened.kept.has(dir))),
        discarded: screened.discarded.length,
        serviceFailed: false,
    };
}
async function warmWithCache(modules, ctx, settings) {
    const mode = settings.mode ?? 'read-write';
    const paths = cachePathsFor(ctx.home, modules);
    const useCache = settings.enabled && paths.length > 0;
    const failOnMiss = useCache && (settings.failOnMiss ?? false) && mode !== 'save-only';
    if (failOnMiss && !ctx.offline)
        await requireSomeEntry(paths, settings, ctx.wording);
    if (!useCache || !settings.store.available) {
        const pins = await pinRefs(modules, ctx);
        const repos = await ensureCheckouts(modules, pins, ctx);
        const key = useCache ? keyFor(modules, pins, settings) : null;
        const cache = { key, matchedKey: null, hit: useCache ? 'unavailable' : 'off' };
        return { pins, repos, cache, paths, plan: null, lookedUpOnly: false };
    }
    const restores = mode === 'read-write' || mode === 'restore-only';
    let pins;
    let key;
    let matchedKey = null;
    let restoredDirs = new Set();
    let discarded = 0;
    let serviceFailed = false;
    if (ctx.offline) {
        // Offline pins are read from the clones, so the clones come first.
        if (restores)
            ({ matchedKey, restoredDirs, discarded, serviceFailed } = await restoreAndScreen(modules, ctx, settings, paths, null, null));
        if (failOnMiss && matchedKey === null)
            throw cacheMiss(cacheRestoreKey(settings.prefix, settings.os), 'no cache entry matched', ctx.wording);
        pins = await pinRefs(modules, ctx);
        key = keyFor(modules, pins, settings);
    }
    else {
        pins = await pinRefs(modules, ctx);
        key = keyFor(modules, pins, settings);
        if (mode === 'lookup-only' && (await settings.store.lookup(paths, key)))
            matchedKey = key;
        else if (restores)
            ({ matchedKey, restoredDirs, discarded, serviceFailed } = await restoreAndScreen(modules, ctx, settings, paths, pins, key));
        if (failOnMiss && matchedKey === null && mode !== 'lookup-only') {
            throw cacheMiss(cacheRestoreKey(settings.prefix, settings.os), `no cache entry matched ${key} or its prefix`, ctx.wording);
        }
    }
    const hit = serviceFailed
        ? 'unavailable'
        : matchedKey === null
            ? 'miss'
            : matchedKey === key
                ? 'exact'
                : 'partial';
    const lookedUpOnly = mode === 'lookup-only' && hit === 'exact';
    const repos = lookedUpOnly
        ? lookedUpRepos(ctx, modules, pins)
        : await ensureCheckouts(modules, pins, ctx, { restoredDirs });
    const allFetched = repos.every((repo) => repo.error === null);
    // A discarded clone means the entry under this key is not what it should be: it is not an exact hit.
    const exactHit = hit === 'exact' && discarded === 0;
    return {
        pins,
        repos,
        cache: { key, matchedKey, hit },
        paths,
        plan: {
            key,
            restoreKeys: [cacheRestoreKey(settings.prefix, settings.os)],
            paths,
            commits: commitsByDir(ctx.home, modules, pins),
            mode,
            save: planSave({ key, mode, exactHit, allFetched, serviceFailed }),
        },
        lookedUpOnly,
    };
}

;// CONCATENATED MODULE: ./lib/commands/module-run/warm-stage.js
/**
 * Pin every git source, restore the CI cache, fetch what is missing, and record per module the pinned commit,
 * where its checkout came from and how long that took. Non-git modules pass through untouched.
 */










function gitSourceOf(module) {
    return module.status === 'ok' && module.source?.type === 'git' ? module.source : null;
}
/** What to do next; for a git failure, the command that repeats it exactly as git ran here. */
function fetchFix(source, ctx, reproduce) {
    const url = maskUserinfo(source.url);
    const w = ctx.wording ?? CLI_WORDING;
    if (ctx.offline) {
        return `run \`${w.command('warm')}\` once ${w.runWith('offline', false)} so ${url}@${source.ref} is fetched into the module cache`;
    }
    const check = 'check that the repository is reachable and the ref exists';
    return reproduce
        ? `${check}; this repeats what failed, in the environment git had: ${reproduce}`
        : `${check}: ${commandText(['git', 'ls-remote', '--', url, source.ref])}`;
}
/** Where `path` really leads when a symlink in the repository takes it outside the clone; null when it stays in. */
async function leavesClone(ctx, cloneDir, path) {
    const real = await ctx.fs.realpath(path);
    const realClone = (await ctx.fs.realpath(cloneDir)) ?? cloneDir;
    return real !== null && !isWithin(real, realClone) ? real : null;
}
/**
 * A locked commit the ref's clone does not hold was checked out in the cache directory of url@<commit>: the module
 * is installed and audited from there (the ref's own clone is left to whoever installed from it).
 */
function movedToCommitDir(module, source, repo, home) {
    if (repo.dir === layoutARepoDir(home, source))
        return module;
    const { resolution } = module.resolved;
    const path = source.subdirectory ? (0,external_node_path_.join)(repo.dir, source.subdirectory) : repo.dir;
    return { ...module, resolved: { ...module.resolved, resolution: { ...resolution, path } } };
}
async function applyOutcome(module, source, warmed, repos, ctx, options) {
    const key = pinKey(source);
    const repo = repos.get(key);
    const pin = warmed.pins.get(key);
    const pinFailure = pin && 'error' in pin ? pin : null;
    const error = repo?.error ?? pinFailure?.error ?? null;
    if (error !== null || !repo) {
        const code = repo?.code ?? pinFailure?.code ?? 'git-failed';
        if (code === 'offline-miss' && options.missingIsFine)
            return module;
        // A locked commit the declared ref never held is the lock's fault, not the network's.
        const lockFault = code === 'lock-mismatch';
        return module_outcome_failed(module, lockFault ? 'lock-mismatch' : 'fetch-failed', [{ code, message: error ?? `no checkout was made for ${maskUserinfo(source.url)}@${source.ref}` }], lockFault
            ? `amplifier-modules lock --update ${module.resolved.declaration.id}`
            : fetchFix(source, ctx, repo?.reproduce ?? pinFailure?.reproduce ?? null));
    }
    const fetched = {
        ...module,
        source: { ...source, commit: repo.commit },
        fetch: { origin: repo.origin, ms: Math.round(repo.ms) },
    };
    // lookup-only found the entry: the clone is in the CI cache, not here, so there is no directory to look into.
    if (warmed.lookedUpOnly)
        return fetched;
    const placed = movedToCommitDir(fetched, source, repo, ctx.home);
    const path = placed.resolved.resolution.path;
    const { declaredAt } = placed.resolved.declaration;
    const escapedTo = source.subdirectory && path ? await leavesClone(ctx, repo.dir, path) : null;
    if (source.subdirectory && escapedTo) {
        return module_outcome_failed(placed, 'fetch-failed', [
            {
                code: 'subdirectory-escapes',
                message: `#subdirectory=${source.subdirectory} of ${maskUserinfo(source.url)}@${source.ref} is a symlink to ${escapedTo}, outside the clone ${repo.dir}; refusing to use it`,
                target: path ?? undefined,
            },
        ], `point #subdirectory= at a real directory inside the repository (declared at ${declaredAt.file}:${declaredAt.line})`);
    }
    if (source.subdirectory && path && !(await ctx.fs.stat(path))?.isDirectory) {
        return module_outcome_failed(placed, 'fetch-failed', [
            {
                code: 'subdirectory-missing',
                message: `${maskUserinfo(source.url)}@${source.ref} (${repo.commit}) has no directory '${source.subdirectory}'`,
                target: path,
            },
        ], `correct #subdirectory=${source.subdirectory} in the source declared at ${declaredAt.file}:${declaredAt.line}`);
    }
    return placed;
}
async function warmStage(modules, options, ports, ctx, stageOptions = {}) {
    const gitModules = [];
    for (const module of modules) {
        const source = gitSourceOf(module);
        if (source)
            gitModules.push({
                id: module.resolved.declaration.id,
                url: source.url,
                ref: source.ref,
                subdirectory: source.subdirectory,
            });
    }
    const warmed = await warmWithCache(gitModules, ctx, {
        store: ports.cacheStore,
        enabled: options.cache ?? true,
        prefix: options.cacheKeyPrefix,
        os: ports.platform.os,
        mode: options.cacheMode,
        failOnMiss: options.failOnCacheMiss ?? false,
    });
    // One lookup per module, not a scan of every repository per module.
    const repos = new Map(warmed.repos.map((repo) => [pinKey(repo), repo]));
    const warnings = [];
    const after = [];
    for (const module of modules) {
        const source = gitSourceOf(module);
        const next = source ? await applyOutcome(module, source, warmed, repos, ctx, stageOptions) : module;
        const unreachable = source && next.status === 'ok' ? unreachableWarning(next, source, warmed) : null;
        if (unreachable)
            warnings.push(unreachable);
        after.push(next);
    }
    return { modules: after, cache: warmed.cache, cachePlan: warmed.plan, warnings };
}
/** The module stands on its cached clone because its remote could not be reached: a warning at its declaration. */
function unreachableWarning(module, source, warmed) {
    const pin = warmed.pins.get(pinKey(source));
    if (!isStandIn(pin))
        return null;
    const { declaration } = module.resolved;
    const cached = { commit: pin.commit, ref: source.ref };
    return remoteUnreachableWarning(declaration.id, pin.unreachable, cached, declaration.declaredAt);
}

;// CONCATENATED MODULE: ./lib/commands/module-run/module-command.js
/**
 * resolve, warm, install and verify are one pipeline cut at different points (docs/architecture.md). The run is a
 * plain sequence of stages, each handed the values the one before returned:
 * declarations + resolution -> pins and clones (+ CI cache) -> bundle packages -> batched install -> audit -> report.
 */















function runPlan(command, options) {
    const inspectOnly = command === 'verify' && !options.install;
    return {
        fetches: command !== 'resolve' && !inspectOnly,
        inspectOnly,
        installs: command === 'install' || (command === 'verify' && options.install),
        audits: command === 'verify',
    };
}
async function runModuleCommand(command, options, ports, guard) {
    const plan = runPlan(command, options);
    const lap = phaseTimer(ports.clock, ports.logger);
    const locked = lockedRun(options, ports);
    // install and verify answer for the environment as Amplifier will load it: an unreachable remote leaves the cached
    // clone standing (with a warning); warm's point is the remote's answer, so there it fails.
    const baseContext = { ...fetchContextFor(options, ports), cachedWhenUnreachable: plan.installs || plan.audits };
    // The lock is read once the declaration files are known; from then on its commits are the pins.
    const fetchContext = () => locked?.fetchContext(baseContext) ?? baseContext;
    const environment = environmentStage(options, ports, plan.installs || plan.audits);
    // Declarations and resolution.
    const includes = includeLocator({ fetches: plan.fetches, home: options.home, locked, fetchContext, environment, guard }, ports);
    const declared = await loadAndResolve(options, ports, {
        locateGitInclude: includes.locate,
        environment,
        onFiles: locked?.onFiles,
    });
    // The environment's answer (it was opened once the declarations were read) before the cache is held: a run that
    // cannot install clones nothing and writes nothing.
    const session = await environment();
    const initial = initialOutcomes(declared.resolved, ports.wording);
    const compared = locked?.compare(initial);
    let modules = compared?.modules ?? initial;
    const warnings = [...declared.warnings, ...includes.stoodIn(), ...(compared?.warnings ?? [])];
    lap('resolve');
    // Pins and clones: fetched (and the CI cache restored), or for `verify --no-install` only looked at.
    let cache = CACHE_OFF;
    let cachePlan = null;
    if (command !== 'resolve')
        await guard.hold();
    if (plan.fetches) {
        const warmed = await warmStage(modules, options, ports, fetchContext());
        ({ modules, cache, cachePlan } = warmed);
        warnings.push(...warmed.warnings);
        lap('pin and fetch');
    }
    else if (plan.inspectOnly) {
        const offline = { ...fetchContext(), offline: true, checkTrackedFiles: false };
        ({ modules } = await warmStage(modules, { ...options, cache: false }, ports, offline, { missingIsFine: true }));
        lap('clone check');
    }
    const installed = (plan.installs || plan.audits) && session
        ? await installAndAudit(plan, modules, declared.bundleRoots, options, ports, guard, session, lap)
        : null;
    modules = installed?.modules ?? modules;
    const reportModules = toReportModules(modules);
    const bundleRows = installed?.bundles?.rows ?? [];
    return {
        report: buildReport({
            command,
            ok: runVerdict(reportModules, { unresolvedIncludes: declared.unresolvedIncludes, warnings }, options.strict) &&
                bundleRows.every((row) => row.status === 'ok'),
            python: session?.environment.python ?? null,
            // install and verify say which environment they installed into or audited, and why (one rule for every command).
            ...(installed && session ? { environment: reportedEnvironment(session.environment) } : {}),
            installer: installed?.installer ?? null,
            cache,
            modules: reportModules,
            unresolvedIncludes: declared.unresolvedIncludes,
            warnings,
            environmentFindings: installed?.environmentFindings ?? [],
            bundlePackages: bundleRows,
            lockedBy: locked?.file() ?? null,
        }),
        cachePlan,
    };
}
/**
 * The environment's part of install and verify: bundle packages first (modules may import from them, as Amplifier's
 * Bundle.prepare installs them), then the modules the audit of the environment as it is finds wanting, then the audit
 * of what this run installed (the audits of modules left alone still hold).
 */
async function installAndAudit(plan, fetched, bundleRoots, options, ports, guard, session, lap) {
    const { environment } = session;
    // Recorded before installing, so an interrupted install is still known to `prune`.
    await registerEnvironment(ports.fs, options.home, { python: environment.python, prefix: environment.prefix });
    // One run at a time changes an environment; one that waited reads it again as the other run left it.
    if (plan.installs)
        await guard.holdEnvironment(environment.prefix);
    const bundles = bundleRoots.length > 0 ? await bundlePackageStage(bundleRoots, options, ports, session, plan.installs) : null;
    if (bundles?.outcome)
        lap(`bundle packages: install of ${bundles.outcome.installed.length}`);
    if (!plan.installs) {
        const audited = await auditStage(fetched, options, ports, session, null);
        lap('audit');
        return { modules: audited, bundles, installer: null, environmentFindings: [] };
    }
    const before = options.reinstall ? new Map() : await auditEnvironment(fetched, options, ports, session, null);
    lap('audit before install');
    const installed = await installStage(fetched, before, options, ports, session);
    const { installer } = installed.outcome;
    lap(`install of ${installed.outcome.installed.length}`);
    const environmentFindings = failure_words_environmentFindings([...(bundles?.outcome?.failed ?? []), ...installed.outcome.failed]);
    if (!plan.audits)
        return { modules: installed.modules, bundles, installer, environmentFindings };
    const stillValid = new Map([...before].filter(([id]) => !installed.installedIds.has(id)));
    const audited = await auditStage(installed.modules, options, ports, session, installer, stillValid);
    lap('audit of what was installed');
    return { modules: audited, bundles, installer, environmentFindings };
}

;// CONCATENATED MODULE: ./lib/commands/prune/prune-clones.js
/**
 * `prune`: moves module-cache clones that nothing in the given environments and no declaration references into the
 * quarantine (`module-cache/quarantine.ts`), and deletes quarantined clones past the retention period. The rule that
 * prevents the rotated-cache failure (README, "What a failure looks like") is absolute: a directory any installed
 * file still points into (a `.pth` line, an import-hook mapping, an egg-link, direct_url.json, a symlink in
 * site-packages) is never moved, whichever distribution owns that file and whatever state its metadata is in. And
 * since no tool can see every environment on a machine, a clone believed unused is only moved (a rename, which an
 * environment prune never saw survives: `doctor --fix` moves it back), never deleted in the same run.
 */





const LAYOUT_BC_NAME = /^[0-9a-f]{12}$/;
/** Clone directories of layouts A and B in `<home>/cache`, and of layout C in `<home>/cache/modules`. */
async function cacheClones(fs, home) {
    const out = [];
    const cache = (0,external_node_path_.join)(home, 'cache');
    for (const name of (await fs.readdir(cache)) ?? []) {
        if (!parseLayoutADirName(name) && !LAYOUT_BC_NAME.test(name))
            continue;
        const path = (0,external_node_path_.join)(cache, name);
        if ((await fs.lstat(path))?.isDirectory)
            out.push(path);
    }
    const modules = (0,external_node_path_.join)(cache, 'modules');
    for (const name of (await fs.readdir(modules)) ?? []) {
        const path = (0,external_node_path_.join)(modules, name);
        if (LAYOUT_BC_NAME.test(name) && (await fs.lstat(path))?.isDirectory)
            out.push(path);
    }
    return out.sort();
}
/** Entries of a site directory that are symbolic links: each is a use of wherever it points. */
async function linkReferences(fs, sitePackages) {
    const refs = [];
    for (const name of (await fs.readdir(sitePackages)) ?? []) {
        const entry = (0,external_node_path_.join)(sitePackages, name);
        if (!(await fs.lstat(entry))?.isSymbolicLink)
            continue;
        const target = await fs.realpath(entry);
        if (target)
            refs.push({ path: target, by: entry });
    }
    return refs;
}
/**
 * Every place any installed file points to. Not only editable installs: a distribution whose direct_url.json is
 * missing or truncated still has its `.pth` imported by Python at every start.
 */
async function installedReferences(fs, environments) {
    const refs = [];
    for (const environment of environments) {
        const scan = await scanSitePackages(fs, environment.sitePackages);
        for (const dist of scan.dists) {
            for (const target of dist.targets)
                refs.push({ path: target.target, by: target.file });
        }
        for (const orphan of scan.orphans) {
            for (const target of orphan.targets)
                refs.push({ path: target.target, by: target.file });
        }
        for (const dist of scan.dists) {
            if (dist.installedFrom)
                refs.push({ path: dist.installedFrom, by: (0,external_node_path_.join)(dist.info.dir, 'direct_url.json') });
        }
        for (const site of environment.sitePackages)
            refs.push(...(await linkReferences(fs, site)));
    }
    return refs;
}
/** Deletes quarantined clones past the retention period, and entries an interrupted move left unreadable. */
async function expireQuarantine(ctx, now, retentionDays) {
    const { clones, debris } = await listQuarantine(ctx.fs, ctx.home);
    const deleted = [];
    for (const q of clones) {
        if (!isExpired(q, now, retentionDays))
            continue;
        deleted.push(q.clone);
        const moved = new Date(q.movedAt).toISOString();
        ctx.logger.info(`${ctx.dryRun ? 'would delete' : 'deleting'} ${q.clone} (quarantined ${moved}, from ${q.from})`);
        if (!ctx.dryRun)
            await ctx.fs.rm(q.entry);
    }
    if (!ctx.dryRun)
        for (const entry of debris)
            await ctx.fs.rm(entry).catch(() => undefined);
    return deleted;
}
async function prune(ctx) {
    const { fs } = ctx;
    const now = ctx.now ?? Date.now();
    const retentionDays = ctx.retentionDays ?? DEFAULT_RETENTION_DAYS;
    const refs = [...(await installedReferences(fs, ctx.environments)), ...ctx.referenced];
    // A clone is held when some reference lies inside it, i.e. the clone is an ancestor of (or equal to) a referenced
    // path: index every reference under each of its ancestors once, so each clone is one lookup (linear, not refs x clones).
    const holders = new Map();
    for (const ref of refs) {
        for (const spelled of await spellings(fs, ref.path)) {
            for (let dir = (0,external_node_path_.resolve)(spelled); !holders.has(dir); dir = (0,external_node_path_.dirname)(dir)) {
                holders.set(dir, ref);
                if ((0,external_node_path_.dirname)(dir) === dir)
                    break;
            }
        }
    }
    // Expired first: a clone quarantined by this very run is never deleted by it, whatever the retention.
    const deleted = await expireQuarantine(ctx, now, retentionDays);
    const removed = [];
    const quarantined = [];
    const kept = [];
    for (const clone of await cacheClones(fs, ctx.home)) {
        const cloneSpellings = await spellings(fs, clone);
        const holder = cloneSpellings.map((c) => holders.get((0,external_node_path_.resolve)(c))).find((r) => r !== undefined);
        const reason = holder?.by ?? (await ctx.keepUnreferenced?.(clone)) ?? null;
        if (reason !== null) {
            kept.push({ path: clone, by: reason });
            continue;
        }
        removed.push(clone);
        if (ctx.dryRun) {
            ctx.logger.info(`would move ${clone} to the quarantine`);
        }
        else {
            const to = await quarantineClone(fs, ctx.home, clone, now);
            quarantined.push({ path: clone, to });
            ctx.logger.info(`moved ${clone} to the quarantine: ${to}`);
        }
    }
    return { removed, quarantined, deleted, kept, dryRun: ctx.dryRun, retentionDays };
}

;// CONCATENATED MODULE: ./lib/commands/prune/prune-declarations.js
/**
 * What the workspace's declarations need kept, for prune: every profile and bundle of the workspace (not only the
 * active one: another profile is one `--profile` away), every resolved directory of every declaration (one module at
 * `main`, at a commit and at a tag is three clones), and every git include's clone.
 */







const DECLARATION_FILE = /\.(md|ya?ml)$/;
/** `.amplifier/bundle.*` and every file of `.amplifier/profiles/` in the workspace. */
async function workspaceFiles(options, ports) {
    const amplifierDir = (0,external_node_path_.join)(options.workspace, '.amplifier');
    const files = [];
    for (const name of ROOT_BUNDLE_FILES) {
        const file = (0,external_node_path_.join)(amplifierDir, name);
        if ((await ports.fs.stat(file))?.isFile)
            files.push(file);
    }
    const profiles = (0,external_node_path_.join)(amplifierDir, 'profiles');
    for (const name of ((await ports.fs.readdir(profiles)) ?? []).sort()) {
        if (DECLARATION_FILE.test(name) && (await ports.fs.stat((0,external_node_path_.join)(profiles, name)))?.isFile)
            files.push((0,external_node_path_.join)(profiles, name));
    }
    return files;
}
/**
 * The clones a lock beside the declarations pins: a locked run checks a commit the ref's clone does not hold out in
 * the cache directory of url@<commit>, which `warm --frozen --offline` needs later.
 */
async function lockedClones(file, home, ports, warnings) {
    let lock;
    try {
        lock = await readLockIfAny(ports.fs, file);
    }
    catch (error) {
        if (!(0,errors/* isInputError */.BT)(error))
            throw error;
        warnings.push({ code: 'prune-unreadable-lock', message: `${file}: ${error.message}`, file });
        return [];
    }
    if (!lock)
        return [];
    const by = `lock file ${file}`;
    const refs = [];
    for (const [key, commit] of lock.repositories) {
        const at = key.lastIndexOf('@');
        if (at > 0)
            refs.push({ path: layoutARepoDir(home, { url: key.slice(0, at), ref: commit }), by });
    }
    for (const [uri, commit] of lock.includes) {
        try {
            refs.push({ path: layoutARepoDir(home, { url: parseGitUri(uri).url, ref: commit }), by });
        }
        catch (error) {
            if (!(0,errors/* isInputError */.BT)(error))
                throw error;
        }
    }
    return refs;
}
async function declaredNeeds(options, ports) {
    const references = [];
    const unresolvedIncludes = [];
    const warnings = [];
    const read = new Set();
    let found = false;
    const load = async (profiles) => {
        const loaded = await optionalDeclarations({ ...options, profiles }, ports, undefined, (dir) => references.push({ path: dir, by: 'bundle include' }));
        if (!loaded)
            return;
        found = true;
        for (const file of loaded.files)
            read.add(file);
        for (const { declaration, resolution } of loaded.resolved) {
            if (resolution.path)
                references.push({ path: resolution.path, by: `declaration of ${declaration.id}` });
        }
        unresolvedIncludes.push(...loaded.unresolvedIncludes);
        warnings.push(...loaded.warnings);
        references.push(...(await lockedClones(lockPathFor(null, loaded.files, options.workspace), options.home, ports, warnings)));
    };
    // The given files, or the active ones: a broken one is bad input, as for every command.
    await load(options.profiles);
    if (options.profiles.length > 0)
        return { found, references, unresolvedIncludes, warnings };
    for (const file of await workspaceFiles(options, ports)) {
        if (read.has(file))
            continue;
        try {
            await load([file]);
        }
        catch (error) {
            if (!(0,errors/* isInputError */.BT)(error))
                throw error;
            warnings.push({
                code: 'prune-unreadable-declaration',
                message: `${file} could not be read (${error.message}); clones only it needs may be quarantined`,
                file,
                fix: `fix ${file}; a quarantined clone comes back with amplifier-modules doctor --fix`,
            });
        }
    }
    return { found, references, unresolvedIncludes, warnings };
}

;// CONCATENATED MODULE: ./lib/commands/prune/prune-environments.js
/**
 * The environments prune checks before moving a clone: the --python one (or the defaults of run and doctor), the
 * Amplifier uv tool venv, every environment in the registry, and the interpreter Amplifier's own install-state.json
 * names. An environment counts while its site-packages exist, even when its interpreter is gone (a Python upgrade
 * breaks a venv's `bin/python` symlink, yet the venv's `.pth` files still point into the cache).
 */




async function addEnvironment(found, python, fs) {
    const environment = await locateEnvironment(python, fs);
    // Found from the file layout alone: a broken interpreter link does not hide an environment that still has files.
    if (environment.sitePackages.length === 0 && !(await fs.stat(python)))
        return;
    if (!found.has(environment.prefix))
        found.set(environment.prefix, environment);
}
async function pruneUsers(options, ports) {
    const found = new Map();
    for (const purpose of ['run', 'doctor']) {
        try {
            const python = await choosePython({
                explicit: options.python,
                env: ports.env,
                workspace: options.workspace,
                fs: ports.fs,
                purpose,
            });
            await addEnvironment(found, python, ports.fs);
        }
        catch (error) {
            if (options.python)
                throw error;
        }
    }
    // Always checked, even when --python names another environment: the Amplifier CLI imports modules from it.
    const tool = amplifierToolPython(ports.env, process.platform === 'win32');
    if (tool)
        await addEnvironment(found, tool, ports.fs);
    const registry = await readRegistry(ports.fs, options.home, options.dryRun);
    for (const gone of registry.dropped)
        ports.logger.info(`forgetting ${gone}: that environment no longer exists`);
    for (const recorded of registry.live)
        await addEnvironment(found, recorded.python, ports.fs);
    const installState = [];
    const file = installStatePath(options.home);
    const state = await readInstallState(ports.fs, file);
    if (state.kind === 'state') {
        if (state.state.python)
            await addEnvironment(found, state.state.python, ports.fs);
        for (const entry of state.state.entries)
            installState.push({ path: entry.dir, by: file });
    }
    return { environments: [...found.values()], installState };
}

;// CONCATENATED MODULE: ./lib/commands/prune/prune-command.js
/**
 * `prune`: move module-cache directories nothing uses into the quarantine, and delete quarantined ones past the
 * retention period. "Uses" is checked against every environment known to use the cache (`prune-environments.ts`),
 * Amplifier's install-state.json, and every declaration of the workspace with its bundle includes
 * (`prune-declarations.ts`). With no declarations at all, prune says so and keeps the clones that are not module
 * repositories (bundles and other includes it cannot see a need for) unless `--include-clones` is given.
 */






/** A clone whose repository is an Amplifier module (by name, or by its `amplifier.modules` entry point). */
async function isModuleRepository(fs, clone) {
    const name = clone.split(/[\\/]/).pop() ?? '';
    if (/^amplifier-module-/.test(name))
        return true;
    for (const file of ['pyproject.toml', 'setup.cfg', 'setup.py']) {
        const path = (0,external_node_path_.join)(clone, file);
        if (!(await fs.lstat(path))?.isFile)
            continue;
        const text = (await fs.readFile(path).catch(() => Buffer.from(''))).toString('utf8');
        if (text.includes('amplifier.modules'))
            return true;
    }
    return false;
}
async function pruneCommand(options, ports, guard) {
    const needs = await declaredNeeds(options, ports);
    // Held before the environments are read: an install or warm finishing meanwhile is waited for, not raced.
    await guard.hold();
    const users = await pruneUsers(options, ports);
    const warnings = [...needs.warnings];
    const keepIncludes = !needs.found && !options.pruneIncludes;
    if (!needs.found) {
        warnings.push({
            code: 'prune-no-declarations',
            message: `no profile or bundle found in ${(0,external_node_path_.join)(options.workspace, '.amplifier')} and none is active in settings: prune cannot see which bundle includes are needed, so ${keepIncludes ? 'clones that are not module repositories are kept' : 'every clone no environment uses is quarantined (--include-clones)'}`,
            fix: 'run prune in the project (--workspace DIR) or pass --profile FILE for each profile or bundle you use',
        });
    }
    const retentionDays = options.purge ? 0 : (options.retentionDays ?? DEFAULT_RETENTION_DAYS);
    const result = await prune({
        fs: ports.fs,
        logger: ports.logger,
        home: options.home,
        environments: users.environments,
        referenced: [...needs.references, ...users.installState],
        dryRun: options.dryRun,
        retentionDays,
        now: ports.clock.now(),
        keepUnreferenced: keepIncludes
            ? async (clone) => (await isModuleRepository(ports.fs, clone))
                ? null
                : 'no declarations found: may be a bundle include (--include-clones quarantines it)'
            : undefined,
    });
    return buildReport({
        command: 'prune',
        ok: true,
        python: users.environments[0]?.python,
        unresolvedIncludes: needs.unresolvedIncludes,
        warnings,
        prune: {
            removed: result.removed,
            kept: result.kept,
            dryRun: result.dryRun,
            quarantined: result.quarantined,
            deleted: result.deleted,
            retentionDays: result.retentionDays,
        },
    });
}

;// CONCATENATED MODULE: ./lib/pipeline.js
/** The flow (docs/architecture.md), one function per command. */









async function runCommand(options, ports, guard) {
    switch (options.command) {
        case 'resolve':
        case 'warm':
        case 'install':
        case 'verify':
            return runModuleCommand(options.command, options, ports, guard);
        case 'doctor':
            return { report: await doctorCommand(options, ports, guard), cachePlan: null };
        case 'prune':
            return { report: await pruneCommand(options, ports, guard), cachePlan: null };
        case 'lock':
            return { report: await lockCommand(options, ports, guard), cachePlan: null };
    }
}
/** prune deletes, so it holds the cache alone; every other command that uses the cache shares it. */
function lockKind(options) {
    if (options.command === 'resolve')
        return null;
    if (options.command === 'prune' && !options.dryRun)
        return 'exclusive';
    return 'shared';
}
async function runPipeline(options, ports) {
    await checkWorkspace(ports.fs, options.workspace);
    const kind = lockKind(options);
    if (!kind)
        return runCommand(options, ports, unguarded);
    await checkCacheRoot(ports.fs, options.home);
    const locked = cacheGuard(ports.cacheLock ?? fileCacheLock, options.home, kind, ports.logger);
    // Whether the home can be written is asked where the first write would be, once the declarations were read and
    // checked: bad input is refused with nothing written, not even a probe.
    let writable = null;
    const guard = {
        ...locked,
        hold: async () => {
            writable ??= checkHomeWritable(ports.fs, options.home);
            await writable;
            await locked.hold();
        },
    };
    try {
        return await runCommand(options, ports, guard);
    }
    catch (error) {
        throw machineFault(error, options.home) ?? error;
    }
    finally {
        await guard.release();
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./lib/ports/node-exec.js

const MAX_CAPTURE = 8 * 1024 * 1024;
/** No child runs unbounded: callers pass tighter limits; this catches any that forgot. */
const DEFAULT_CHILD_TIMEOUT_MS = 30 * 60 * 1000;
const KILL_GRACE_MS = 2000;
/** Children still running, so a signal to this process can stop each one's whole process group. */
const liveChildren = new Set();
/**
 * Signals a child's process group, not only the child: a child that started a grandchild holding its pipes (a
 * credential helper, a build backend) would otherwise keep `close` from ever firing.
 */
function signalGroup(child, signal) {
    if (child.pid === undefined)
        return;
    try {
        process.kill(-child.pid, signal);
    }
    catch {
        // The group is gone already; fall back to the child itself in case it never became a group leader.
        try {
            child.kill(signal);
        }
        catch {
            // Nothing left to stop.
        }
    }
}
const REAP_WAIT_MS = 1500;
/**
 * Stops every running child's process group at once (SIGKILL): used when this process is interrupted. Resolves once
 * each child has exited and been reaped (or after a short wait), so none outlives this process or stays a zombie.
 */
function stopAllChildren() {
    const children = [...liveChildren];
    liveChildren.clear();
    const exited = children.map((child) => new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null)
            resolve();
        else
            child.once('exit', () => resolve());
    }));
    for (const child of children)
        signalGroup(child, 'SIGKILL');
    const patience = new Promise((resolve) => setTimeout(resolve, REAP_WAIT_MS).unref());
    return Promise.race([Promise.all(exited).then(() => undefined), patience]).then(() => children.length);
}
/** Spawns programs with an argument array (`shell: false` always) and captures their output. */
const nodeExec = {
    run(command, args, options = {}) {
        return new Promise((resolve) => {
            const child = (0,external_node_child_process_.spawn)(command, [...args], {
                cwd: options.cwd,
                env: options.env ? { ...options.env } : process.env,
                shell: false,
                stdio: ['pipe', 'pipe', 'pipe'],
                windowsHide: true,
                // Its own process group, so a timeout or an interrupt can stop it together with whatever it started.
                detached: process.platform !== 'win32',
            });
            liveChildren.add(child);
            const out = [];
            const err = [];
            let outSize = 0;
            let errSize = 0;
            let settled = false;
            let timedOut = false;
            let killTimer;
            const finish = (result) => {
                if (settled)
                    return;
                settled = true;
                // A child stopped for its timeout (or an abort) may have left its group behind: nothing in it outlives it.
                if (timedOut || options.signal?.aborted)
                    signalGroup(child, 'SIGKILL');
                liveChildren.delete(child);
                clearTimeout(timer);
                if (killTimer)
                    clearTimeout(killTimer);
                options.signal?.removeEventListener('abort', abort);
                resolve(result);
            };
            const terminate = () => {
                signalGroup(child, 'SIGTERM');
                killTimer = setTimeout(() => {
                    signalGroup(child, 'SIGKILL');
                    // A grandchild in another group may still hold the pipes: stop waiting for them.
                    child.stdout.destroy();
                    child.stderr.destroy();
                }, KILL_GRACE_MS);
                killTimer.unref();
            };
            const abort = () => terminate();
            const timeoutMs = options.timeoutMs ?? DEFAULT_CHILD_TIMEOUT_MS;
            const timer = setTimeout(() => {
                timedOut = true;
                terminate();
            }, timeoutMs);
            options.signal?.addEventListener('abort', abort, { once: true });
            child.stdout.on('data', (chunk) => {
                options.onOutput?.(chunk.toString('utf8'));
                if (outSize < MAX_CAPTURE)
                    out.push(chunk);
                outSize += chunk.length;
            });
            child.stderr.on('data', (chunk) => {
                options.onOutput?.(chunk.toString('utf8'));
                if (errSize < MAX_CAPTURE)
                    err.push(chunk);
                errSize += chunk.length;
            });
            child.on('error', (error) => {
                finish({
                    code: null,
                    signal: null,
                    stdout: '',
                    stderr: '',
                    spawnError: `${error.code ?? 'error'}: ${error.message}`,
                });
            });
            const settle = (code, signal) => {
                const stderr = Buffer.concat(err).toString('utf8');
                const note = timedOut ? `\n[stopped after ${Math.round(timeoutMs / 1000)} s: timed out]` : '';
                finish({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: stderr + note, spawnError: null });
            };
            child.on('close', settle);
            // `close` waits for the pipes; after a kill, `exit` plus destroyed pipes must be enough.
            child.on('exit', (code, signal) => {
                if (timedOut || options.signal?.aborted)
                    setImmediate(() => settle(code, signal));
            });
            child.stdin.on('error', () => {
                // The child may exit before reading its input; that is reported through its exit code.
            });
            const { input } = options;
            if (typeof input === 'string')
                child.stdin.end(input);
            else if (input)
                input.then((text) => child.stdin.end(text), () => child.stdin.end());
            else
                child.stdin.end();
        });
    },
};

;// CONCATENATED MODULE: ./lib/ports/exit-on-signals.js
/**
 * SIGINT, SIGTERM and SIGHUP (a closed terminal, a dropped SSH session) stop every child's process group, wait until
 * the children are reaped, remove the run's temporary directories, release its locks and exit 130, 143 or 129.
 * Clones are only ever placed by a rename, so whatever was complete stays complete. Installed by the front ends (CLI
 * and action) only.
 */



const EXIT_CODE = {
    SIGINT: errors/* EXIT_CODES */.ai.interruptedBySigint,
    SIGTERM: errors/* EXIT_CODES */.ai.interruptedBySigterm,
    SIGHUP: errors/* EXIT_CODES */.ai.interruptedBySighup,
};
function exitOnSignals(stderr) {
    let stopping = false;
    const handle = async (signal) => {
        // A second signal while stopping changes nothing: the first is already taking everything down.
        if (stopping)
            return;
        stopping = true;
        const children = stopAllChildren();
        // Synchronous, before any await: temporary files and locks are gone even if the wait below is cut short.
        cleanUpInterruptedRun();
        await children;
        // The terminal may be gone (SIGHUP): a message that cannot be written must not stop the exit.
        try {
            stderr(`interrupted by ${signal}: stopped every child process and removed this run's temporary files\n`);
        }
        catch {
            // Nobody to tell.
        }
        process.exit(EXIT_CODE[signal]);
    };
    for (const signal of Object.keys(EXIT_CODE)) {
        process.on(signal, () => {
            void handle(signal);
        });
    }
}

;// CONCATENATED MODULE: ./lib/ports/fd-limit.js
/**
 * A cap on file operations in flight. Scans fan out over every distribution of an environment at once; with
 * hundreds of them and a low `ulimit -n`, unbounded concurrency fails with EMFILE. Operations beyond the cap wait
 * in arrival order.
 */
function createLimiter(limit) {
    let running = 0;
    const waiting = [];
    // A finishing operation hands its slot straight to the next waiter, so the count never exceeds the cap.
    const release = () => {
        const next = waiting.shift();
        if (next)
            next();
        else
            running -= 1;
    };
    return async (work) => {
        if (running >= limit)
            await new Promise((resume) => waiting.push(resume));
        else
            running += 1;
        try {
            return await work();
        }
        finally {
            release();
        }
    };
}

;// CONCATENATED MODULE: ./lib/ports/node-fs.js






/** Well under the common default of 1024 descriptors, leaving room for pipes, sockets and the children's own. */
const limited = createLimiter(64);
function toStat(s) {
    return {
        isFile: s.isFile(),
        isDirectory: s.isDirectory(),
        isSymbolicLink: s.isSymbolicLink(),
        size: s.size,
        mtimeMs: s.mtimeMs,
    };
}
function isMissing(error) {
    const code = error?.code;
    // A path longer than the system allows cannot exist: looking it up finds nothing, like a missing path.
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG';
}
function orNullSync(work) {
    try {
        return work();
    }
    catch (error) {
        if (isMissing(error))
            return null;
        throw error;
    }
}
/** Thrown for a FIFO, socket or device where a file was expected: opening one could block or do something. */
class NotRegularFileError extends Error {
    path;
    code = 'ENOTREGULAR';
    constructor(path) {
        super(`${path} is not a regular file (a FIFO, socket or device); it is never opened`);
        this.path = path;
    }
}
/**
 * Reads a regular file. Opened non-blocking, so a FIFO (which a hostile repository or a tampered cache can hold)
 * returns at once instead of waiting for a writer, and refused before a byte is read.
 */
function readRegularFile(path) {
    const fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        if (!(0,external_node_fs_.fstatSync)(fd).isFile())
            throw new NotRegularFileError(path);
        return (0,external_node_fs_.readFileSync)(fd);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * Writes by replacing: the data goes into a new temporary file beside `path` (created exclusively, so never through
 * a link), which is then renamed over `path`. A symlink or FIFO at `path` is replaced, never written through, and a
 * reader sees the old content or the new, never half of it.
 */
async function replaceFile(path, data) {
    const temp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await external_node_fs_.promises.writeFile(temp, data, { flag: 'wx' });
        await external_node_fs_.promises.rename(temp, path);
    }
    catch (error) {
        await external_node_fs_.promises.rm(temp, { force: true });
        throw error;
    }
}
/**
 * The real file system. Reads and metadata calls run synchronously inside the async port: an audit makes thousands
 * of them on small local files, where a synchronous call costs microseconds and a promise call pays a thread-pool
 * round trip, a promise and (for a missing path) an exception each, which made the file system the largest CPU cost
 * of `verify --no-install`. A missing path is answered without an exception (`throwIfNoEntry`).
 */
const nodeFileSystem = {
    readFile: async (path) => readRegularFile(path),
    stat: async (path) => {
        const s = orNullSync(() => (0,external_node_fs_.statSync)(path, { throwIfNoEntry: false }));
        return s ? toStat(s) : null;
    },
    lstat: async (path) => {
        const s = orNullSync(() => (0,external_node_fs_.lstatSync)(path, { throwIfNoEntry: false }));
        return s ? toStat(s) : null;
    },
    readdir: async (path) => orNullSync(() => (0,external_node_fs_.readdirSync)(path)),
    realpath: async (path) => orNullSync(() => external_node_fs_.realpathSync.native(path)),
    mkdir: async (path) => {
        await external_node_fs_.promises.mkdir(path, { recursive: true });
    },
    mkdirTemp: async (path) => {
        await external_node_fs_.promises.mkdir(path);
        trackTemporaryDir(path);
    },
    writeFile: (path, data) => limited(() => replaceFile(path, data)),
    rename: (from, to) => external_node_fs_.promises.rename(from, to),
    rm: (path) => external_node_fs_.promises.rm(path, { recursive: true, force: true }),
    mkdtemp: async (prefix) => {
        const dir = await external_node_fs_.promises.mkdtemp(prefix.includes('/') ? prefix : (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), prefix));
        trackTemporaryDir(dir);
        return dir;
    },
};

;// CONCATENATED MODULE: ./lib/printable.js
/**
 * Text from files, paths, refs, git or pip made safe to show: a terminal or log viewer acts on control characters
 * instead of showing them (ESC starts a sequence that retitles the window or clears the screen, CR rewrites a line,
 * a C1 CSI works like ESC [ on many terminals), and Unicode format characters reorder or hide what is shown (bidi
 * overrides and isolates, zero-width characters, line and paragraph separators). Each becomes a visible escape
 * (`\x1b`, `\u{202e}`), so what is printed is what the file holds, and never an instruction to the terminal.
 * Pure; the front ends apply it where they print.
 */
/** C0 controls but tab and newline, DEL, C1 controls, and the format characters named above. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const UNSAFE_OR_NEWLINE = 
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, newline included
/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
function visible(char) {
    const code = char.charCodeAt(0);
    if (char === '\n')
        return '\\n';
    if (char === '\r')
        return '\\r';
    if (code < 0x100)
        return `\\x${code.toString(16).padStart(2, '0')}`;
    return `\\u{${code.toString(16)}}`;
}
/** `text` with every unsafe character as a visible escape; newlines too unless `keepNewlines` (multi-line prose). */
function printable(text, keepNewlines = false) {
    return text.replace(keepNewlines ? UNSAFE : UNSAFE_OR_NEWLINE, visible);
}
const COMMAND_START = /^(\s*):(?=:)/gm;
const OLD_COMMAND = /##\[/g;
/**
 * The step log of a CI job is also a command channel: the GitHub runner acts on a line that starts with `::` (after
 * white space) and on `##[` anywhere in a line (the old command syntax), and the CLI's output lands in that log when a
 * workflow runs it. Such a line keeps its text but loses its meaning with a `%3A` / `%5B` (how the Actions toolkit
 * escapes command text): shown, never run.
 */
function withoutWorkflowCommands(text) {
    return text.replace(OLD_COMMAND, '##%5B').replace(COMMAND_START, '$1%3A');
}
/** Report fields that are prose and may span lines (an installer's output, a fix); every other string is one line. */
const MULTI_LINE_KEYS = new Set(['message', 'fix', 'reason', 'stderr', 'output']);
/** Every string of a JSON-like value made printable (object keys too); prose fields keep their newlines. */
function printableDeep(value) {
    return walk(value, false, 0);
}
function walk(value, keepNewlines, depth) {
    if (typeof value === 'string')
        return printable(value, keepNewlines);
    if (depth > 64 || value === null || typeof value !== 'object')
        return value;
    if (Array.isArray(value))
        return value.map((item) => walk(item, keepNewlines, depth + 1));
    const out = {};
    for (const [key, item] of Object.entries(value))
        out[printable(key)] = walk(item, MULTI_LINE_KEYS.has(key), depth + 1);
    return out;
}
/**
 * JSON text with the characters JSON.stringify leaves raw (DEL, C1, the format characters) written as `\u` escapes,
 * and the `[` of an old-syntax workflow command (`##[`) too: the same JSON value, but nothing in it a terminal or a
 * runner acts on (no JSON line starts with `::`: strings are quoted).
 */
function terminalSafeJson(json) {
    // A raw line break in JSON text is layout (one in a string is already `\n`): only the others are escaped.
    return json
        .replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replace(OLD_COMMAND, '##\\u005b');
}

;// CONCATENATED MODULE: ./lib/report/colour.js
const CODES = { good: '32', bad: '31', warn: '33' };
const plain = (text) => text;
const ansi = (text, tone) => `\u001b[${CODES[tone]}m${text}\u001b[39m`;
/**
 * `--color always|never` decides; with `auto` (the default) NO_COLOR (any non-empty value) wins, FORCE_COLOR (not "0")
 * turns colour on without a terminal, else a terminal gets colour.
 */
function wantsColour(env, isTerminal, choice = 'auto') {
    if (choice !== 'auto')
        return choice === 'always';
    if (env.NO_COLOR)
        return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0')
        return true;
    return isTerminal;
}
function paintFor(env, isTerminal, choice = 'auto') {
    return wantsColour(env, isTerminal, choice) ? ansi : plain;
}

;// CONCATENATED MODULE: ./lib/ports/stream-logger.js


/** A logger for the CLI: every line is redacted and printable; with `--format json` it writes to stderr so stdout stays JSON. */
function createStreamLogger(options) {
    const paint = options.paint ?? plain;
    // Control characters from file names, git or pip are shown escaped; a line break inside a message starts an
    // indented line, so nothing a message carries can pass for a line of its own (`error: ...`), nor for a workflow
    // command when a CI step runs the CLI.
    const emit = (prefix, message) => options.write(`${prefix}${withoutWorkflowCommands(printable(options.redactor.redact(message), true).replace(/\n/g, '\n  '))}\n`);
    return {
        debug: (message) => {
            if (options.verbose)
                emit('debug: ', message);
        },
        info: (message) => {
            if (!options.quiet)
                emit('', message);
        },
        warn: (message) => {
            if (!options.quiet)
                emit(`${paint('warning', 'warn')}: `, message);
        },
        error: (message) => emit(`${paint('error', 'bad')}: `, message),
    };
}
/** A logger that drops everything (library use without output). */
const silentLogger = { debug() { }, info() { }, warn() { }, error() { } };

;// CONCATENATED MODULE: ./lib/report/failure-groups.js
/** The failed modules grouped by identical failure (id, status, path, findings, fix), in first-seen order. */
function groupFailures(modules) {
    const groups = new Map();
    for (const module of modules) {
        if (module.status === 'ok')
            continue;
        const key = JSON.stringify([module.id, module.status, module.path, module.findings, module.fix]);
        groups.set(key, [...(groups.get(key) ?? []), module]);
    }
    return [...groups.values()];
}

;// CONCATENATED MODULE: ./lib/report/install-summary.js
/** How many modules this run installed, by reason, and how many it left as they were. */
function installSummary(report) {
    // Counted in modules: a module several declarations name (the session's and its agents') is installed once.
    const byModule = new Map(report.modules.filter((m) => m.install !== undefined).map((m) => [m.path ?? m.id, m]));
    const decided = [...byModule.values()];
    if (decided.length === 0)
        return null;
    const reasons = new Map();
    const dryRun = decided.some((m) => m.install?.wouldInstall);
    for (const module of decided) {
        if (!module.install?.installed && !module.install?.wouldInstall)
            continue;
        // "moved from hash A to B" differs per module; count the kind of reason.
        const kind = module.install.reason.replace(/^moved from .*/, 'moved');
        reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
    }
    const installed = [...reasons.values()].reduce((a, b) => a + b, 0);
    const detail = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ');
    const verb = dryRun ? 'would install' : 'installed';
    return `${verb} ${installed}${detail ? ` (${detail})` : ''}, ${decided.length - installed} up to date`;
}

;// CONCATENATED MODULE: ./lib/report/lock-summary.js
function changeLine(change) {
    switch (change.kind) {
        case 'added':
            return `  added ${change.entry}: ${change.to ?? ''}`;
        case 'removed':
            return `  removed ${change.entry} (was ${change.from ?? ''})`;
        case 'changed':
            return `  changed ${change.entry}: ${change.from ?? ''} -> ${change.to ?? ''}`;
        case 're-pinned':
            return `  re-pinned ${change.entry}: ${change.from?.slice(0, 12) ?? '-'} -> ${change.to?.slice(0, 12) ?? '-'}`;
    }
}
function lockSummary(lock, ok) {
    if (!ok)
        return [`lock: ${lock.file} not written: every module must resolve (and, with --strict, no warning) first`];
    const lines = lock.changes.map(changeLine);
    const count = `${lock.changes.length} change(s)`;
    lines.push(lock.written ? `lock: wrote ${lock.file} (${count})` : `lock: ${lock.file} is up to date`);
    return lines;
}

;// CONCATENATED MODULE: ./lib/report/text.js
/**
 * Human-readable rendering of a Report: one line per module, then for every failed module its trail
 * (what each layer really found), its findings and the fix.
 */




function pad(text, width) {
    return text.length >= width ? `${text} ` : text.padEnd(width + 1);
}
function sourceLabel(module) {
    const source = module.resolution.source;
    if (!source)
        return module.declaredSource ?? '-';
    const commit = source.commit ? ` (${source.commit.slice(0, 12)})` : '';
    return `${source.uri}${commit}`;
}
function who(module) {
    return module.agent ? `${module.id} [agent ${module.agent}]` : module.id;
}
/** The status word in its colour, padded as the plain word would be (escape codes take no columns). */
function statusCell(status, width, paint) {
    return pad(status, width).replace(status, paint(status, status === 'ok' ? 'good' : 'bad'));
}
/** `--session`: the part of what the Amplifier CLI loads that brought the module in. */
function originLabel(module) {
    const origin = module.origin;
    if (!origin)
        return '';
    const where = origin.file ? ` at ${origin.file}:${origin.line ?? 1}` : '';
    return `${origin.kind} ${origin.name}${where}`;
}
/** Continuation lines of a multi-line message, indented under their first line. */
function indented(text, indent) {
    return text.split('\n').join(`\n${indent}`);
}
function declaredAtLine(module, show) {
    if (!module.declaredAt)
        return null;
    const by = module.agent ? ` (agent ${module.agent})` : '';
    return `  declared at ${show(module.declaredAt.file)}:${module.declaredAt.line}${by}`;
}
/** One block for a failure, listing every declaration it hit (a module declared by the session and by agents). */
function failureDetails(group, paint, show) {
    const [module] = group;
    if (!module)
        return [];
    const label = group.length === 1 ? who(module) : module.id;
    const lines = [`${label}: ${paint(module.status, 'bad')}`];
    for (const declaration of group) {
        const line = declaredAtLine(declaration, show);
        if (line)
            lines.push(line);
        if (declaration.origin)
            lines.push(`  loaded by the Amplifier CLI from: ${originLabel(declaration)}`);
    }
    // doctor judges what is installed, not what is declared: there is no trail to show then.
    if (module.resolution.trail.length > 0)
        lines.push('  resolution trail:');
    module.resolution.trail.forEach((step, index) => {
        lines.push(`    ${index + 1}. ${pad(step.layer, 10)}${pad(step.outcome, 8)}${indented(step.detail, '       ')}`);
    });
    for (const finding of module.findings)
        lines.push(`  finding ${finding.code}: ${indented(finding.message, '    ')}`);
    if (module.fix)
        lines.push(`  fix: ${indented(module.fix, '    ')}`);
    return lines;
}
/** What the audit noted about modules that are ok (how one is loaded, sibling clones), each note once. */
function notes(modules) {
    const seen = new Set();
    for (const module of modules) {
        if (module.status !== 'ok')
            continue;
        for (const finding of module.findings)
            seen.add(`note: ${module.id}: ${indented(finding.message, '  ')}`);
    }
    return [...seen];
}
/** doctor audits what is installed, whatever is declared; the other commands report declarations. */
function emptyLine(report) {
    if (report.command !== 'doctor')
        return 'no modules declared';
    return `no editable installs in ${report.environment?.prefix ?? 'the environment'}`;
}
/** `4ms`, `340ms`, `1.2s`, `83s`: what the closing line says the run took. */
function elapsedText(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}
function renderText(report, paint = plain, view = {}) {
    const body = renderBody(report, paint, view.showPath ?? ((path) => path));
    const closing = closingLines(report);
    if (view.elapsedMs !== undefined)
        closing[closing.length - 1] += ` in ${elapsedText(view.elapsedMs)}`;
    const failures = body.failures.length > 0 ? ['', ...body.failures] : [];
    const lines = view.quiet ? [...body.failures, ...closing] : [...body.lines, ...failures, ...closing];
    return `${lines.join('\n')}\n`;
}
function renderBody(report, paint, show) {
    const lines = [];
    if (report.environment) {
        const runs = report.environment.executable && report.environment.executable !== report.environment.python;
        const real = runs ? ` (runs ${report.environment.executable})` : '';
        lines.push(`environment: ${report.environment.prefix}, python ${report.environment.python}${real}`);
        lines.push(`  chosen as ${report.environment.reason}`);
    }
    if (report.declarations) {
        const files = report.declarations.files.length > 0 ? `${report.declarations.files.join(', ')}: ` : '';
        lines.push(`declarations: ${files}${report.declarations.reason}`);
    }
    const idWidth = Math.min(40, Math.max(6, ...report.modules.map((m) => who(m).length)));
    for (const module of report.modules) {
        lines.push([
            statusCell(module.status, 20, paint),
            pad(who(module), idWidth),
            pad(module.kind ?? '-', 12),
            pad(module.resolution.layer ?? '-', 10),
            sourceLabel(module),
            module.path ? `  -> ${show(module.path)}` : '',
            module.fetch ? `  [${module.fetch.origin ?? 'failed'} ${(module.fetch.ms / 1000).toFixed(2)}s]` : '',
            module.install?.installed ? `  [installed: ${module.install.reason}]` : '',
            module.install?.wouldInstall ? `  [would install: ${module.install.reason}]` : '',
            module.origin && module.origin.kind !== 'bundle' ? `  (from ${module.origin.kind} ${module.origin.name})` : '',
        ].join(''));
    }
    for (const row of report.bundlePackages ?? []) {
        lines.push(`${statusCell(row.status, 20, paint)}${pad(row.name, idWidth)}${pad('bundle-pkg', 12)}${pad('bundle', 10)}-> ${show(row.path)}${row.install.installed ? `  [installed: ${row.install.reason}]` : ''}${row.install.wouldInstall ? `  [would install: ${row.install.reason}]` : ''}`);
    }
    if (report.modules.length === 0 && !report.prune)
        lines.push(emptyLine(report));
    lines.push(...notes(report.modules));
    for (const include of report.unresolvedIncludes) {
        lines.push(`unresolved include ${include.uri} (from ${include.from}): ${indented(include.reason, '  ')}`);
    }
    for (const warning of report.warnings) {
        const where = warning.file ? `${warning.file}${warning.line ? `:${warning.line}` : ''}: ` : '';
        lines.push(`${paint('warning', 'warn')}: ${where}${indented(warning.message, '  ')}`);
        if (warning.fix)
            lines.push(`  fix: ${indented(warning.fix, '    ')}`);
    }
    const failures = [];
    // One block per shared cause: the modules it failed are listed under it, not repeated as blocks of their own.
    const covered = new Set();
    for (const finding of report.environmentFindings ?? []) {
        failures.push(`${paint('environment', 'bad')}: ${finding.message}`);
        for (const id of finding.modules) {
            covered.add(id);
            const own = report.modules.find((m) => m.id === id && m.status !== 'ok')?.findings[0]?.message.split('\n')[0];
            failures.push(`  ${id}${own ? `: ${own}` : ''}`);
        }
        if (finding.fix)
            failures.push(`  fix: ${finding.fix}`);
        if (finding.reproduce)
            failures.push(`  reproduce one with: ${finding.reproduce}`);
        failures.push('');
    }
    for (const row of (report.bundlePackages ?? []).filter((r) => r.status !== 'ok' && !covered.has(r.name))) {
        failures.push(`${row.name} (the package of the bundle at ${show(row.path)}): ${paint(row.status, 'bad')}`);
        for (const finding of row.findings)
            failures.push(`  finding ${finding.code}: ${finding.message.split('\n').join('\n    ')}`);
        if (row.fix)
            failures.push(`  fix: ${row.fix}`);
        failures.push('');
    }
    const own = report.modules.filter((m) => !(m.status === 'install-failed' && covered.has(m.id)));
    for (const group of groupFailures(own))
        failures.push(...failureDetails(group, paint, show), '');
    return { lines, failures };
}
/** The closing line (lock: its summary lines): what was done, counted. */
function closingLines(report) {
    const lines = [];
    const failed = report.modules.filter((m) => m.status !== 'ok');
    const okCount = report.modules.length - failed.length;
    const counts = moduleCounts(report);
    if (report.prune) {
        // The directories themselves were listed as they were removed; the summary counts them.
        const { dryRun, removed, kept, deleted, retentionDays } = report.prune;
        const moved = dryRun ? 'would quarantine' : 'quarantined';
        const gone = dryRun ? 'would delete' : 'deleted';
        const retention = retentionDays === 0 ? 'purged' : `older than ${retentionDays ?? '?'} day(s)`;
        lines.push(`prune: ${moved} ${removed.length} module-cache director(ies), kept ${kept.length}; ${gone} ${deleted?.length ?? 0} quarantined (${retention})`);
    }
    else if (report.lock) {
        lines.push(...lockSummary(report.lock, report.ok));
    }
    else if (report.command === 'doctor') {
        lines.push(`doctor: ${okCount} editable install(s) ok, ${failed.length} failed`);
    }
    else {
        lines.push(`${report.command}: ${counts}${installLine(report)}${cacheLine(report)}`);
    }
    return lines;
}
function installLine(report) {
    const summary = installSummary(report);
    return summary ? `; ${summary}` : '';
}
function cacheLine(report) {
    if (report.cache.hit === 'off')
        return '';
    const matched = report.cache.matchedKey ? `, matched ${report.cache.matchedKey}` : '';
    return `; CI cache: ${report.cache.hit}${matched}`;
}
/**
 * `N ok, M failed` in modules, not declarations: a module the session and three agents declare is one module; the
 * number of declarations follows when it differs. A module fails when any of its declarations does.
 */
function moduleCounts(report) {
    const failedKeys = new Set();
    const keys = new Set();
    for (const module of report.modules) {
        const key = `${module.id}\0${module.path ?? ''}`;
        keys.add(key);
        if (module.status !== 'ok')
            failedKeys.add(key);
    }
    const declarations = report.modules.length === keys.size ? '' : ` (${keys.size} modules, ${report.modules.length} declarations)`;
    return `${keys.size - failedKeys.size} ok, ${failedKeys.size} failed${declarations}`;
}

;// CONCATENATED MODULE: ./lib/version.js
/** Kept equal to package.json's version by a test (the bundles cannot read package.json at run time). */
const version_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./lib/cli/completion.js

const SHELLS = ['bash', 'zsh', 'fish'];
const PROGRAM = 'amplifier-modules';
function flagged(command) {
    return OPTION_KEYS.map(optionSpec).filter((spec) => spec.flag !== null && (command === null || spec.commands.includes(command)));
}
/** The fixed choices of a flag (`auto|uv|pip`), or null when it takes a path or free text. */
function choices(spec) {
    if (spec.kind === 'boolean' || !/^[a-z]+(\|[a-z]+)+$/.test(spec.valueName))
        return null;
    return spec.valueName.split('|');
}
function valueKind(spec) {
    if (spec.kind === 'boolean')
        return 'none';
    if (choices(spec))
        return 'choice';
    if (spec.valueName === 'DIR')
        return 'dir';
    return spec.valueName === 'PATH' || spec.valueName === 'FILE' ? 'file' : 'text';
}
function names(spec) {
    return spec.short ? [`--${spec.flag}`, `-${spec.short}`] : [`--${spec.flag}`];
}
function bash() {
    const valueCases = flagged(null)
        .filter((spec) => valueKind(spec) !== 'none')
        .map((spec) => {
        const kind = valueKind(spec);
        const reply = kind === 'choice'
            ? `COMPREPLY=($(compgen -W "${choices(spec)?.join(' ')}" -- "$cur"))`
            : kind === 'dir'
                ? 'COMPREPLY=($(compgen -d -- "$cur"))'
                : kind === 'file'
                    ? 'COMPREPLY=($(compgen -f -- "$cur"))'
                    : 'COMPREPLY=()';
        return `    ${names(spec).join('|')}) ${reply}; return ;;`;
    });
    const commandCases = COMMANDS.map((command) => `    ${command}) opts="${flagged(command).flatMap(names).join(' ')} --help" ;;`);
    return `# ${PROGRAM} completion for bash: source <(${PROGRAM} completion bash)
_amplifier_modules() {
  local cur prev cmd opts i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${COMMANDS.join('|')}|help|completion) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
${valueCases.join('\n')}
  esac
  case "$cmd" in
    "") opts="${COMMANDS.join(' ')} help completion --help --version" ;;
    help) opts="${COMMANDS.join(' ')}" ;;
    completion) opts="${SHELLS.join(' ')}" ;;
${commandCases.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _amplifier_modules ${PROGRAM}
`;
}
/** Help text made safe inside a zsh `_arguments` spec (`[...]` and `:` are syntax there). */
function zshHelp(text) {
    return text.replace(/[[\]:'\\]/g, ' ').replace(/\s+/g, ' ');
}
function zshSpec(spec) {
    const kind = valueKind(spec);
    const repeat = spec.kind === 'list' ? '*' : '';
    const action = kind === 'choice'
        ? `(${choices(spec)?.join(' ')})`
        : kind === 'dir'
            ? '_directories'
            : kind === 'file'
                ? '_files'
                : ' ';
    const label = spec.kind === 'boolean' ? '' : spec.valueName.toLowerCase().replace(/\|/g, ' ');
    const value = kind === 'none' ? '' : `:${label}:${action}`;
    return names(spec)
        .map((name) => `'${repeat}${name}${kind !== 'none' && name.startsWith('--') ? '=' : ''}[${zshHelp(spec.help)}]${value}'`)
        .join(' ');
}
function zsh() {
    const cases = COMMANDS.map((command) => `    ${command}) _arguments ${flagged(command).map(zshSpec).join(' ')} ;;`);
    return `#compdef ${PROGRAM}
# ${PROGRAM} completion for zsh: source <(${PROGRAM} completion zsh)
_amplifier_modules() {
  if (( CURRENT == 2 )); then
    compadd -- ${COMMANDS.join(' ')} help completion
    return
  fi
  local cmd=\${words[2]}
  shift words
  (( CURRENT-- ))
  case $cmd in
    help) compadd -- ${COMMANDS.join(' ')} ;;
    completion) compadd -- ${SHELLS.join(' ')} ;;
${cases.join('\n')}
  esac
}
compdef _amplifier_modules ${PROGRAM}
`;
}
function fishLine(command, spec) {
    const kind = valueKind(spec);
    const short = spec.short ? ` -s ${spec.short}` : '';
    const value = kind === 'choice'
        ? ` -x -a '${choices(spec)?.join(' ')}'`
        : kind === 'none'
            ? ''
            : kind === 'text'
                ? ' -x'
                : ' -r -F';
    const help = spec.help.replace(/'/g, '');
    return `complete -c ${PROGRAM} -n '__fish_seen_subcommand_from ${command}' -l ${spec.flag}${short}${value} -d '${help}'`;
}
function fish() {
    const top = `not __fish_seen_subcommand_from ${COMMANDS.join(' ')} help completion`;
    return [
        `# ${PROGRAM} completion for fish: ${PROGRAM} completion fish | source`,
        `complete -c ${PROGRAM} -f`,
        `complete -c ${PROGRAM} -n '${top}' -a '${COMMANDS.join(' ')} help completion'`,
        `complete -c ${PROGRAM} -n '__fish_seen_subcommand_from help' -a '${COMMANDS.join(' ')}'`,
        `complete -c ${PROGRAM} -n '__fish_seen_subcommand_from completion' -a '${SHELLS.join(' ')}'`,
        ...COMMANDS.flatMap((command) => flagged(command).map((spec) => fishLine(command, spec))),
        '',
    ].join('\n');
}
function completionScript(shell) {
    if (shell === 'bash')
        return bash();
    return shell === 'zsh' ? zsh() : fish();
}

;// CONCATENATED MODULE: ./lib/cli/display-path.js
/**
 * Paths in the text output as they read best: relative to the working directory when they lie under it
 * (`examples/modules/tool-greet`), `~/…` under the user's home (`~/.amplifier/cache/amplifier-module-x-…`), else as
 * they are. JSON output and the report file keep absolute paths.
 */

function under(base, path) {
    if (!base)
        return null;
    const rel = (0,external_node_path_.relative)(base, path);
    return rel !== '' && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel) ? rel : null;
}
function displayPath(cwd, home) {
    return (path) => {
        if (!(0,external_node_path_.isAbsolute)(path))
            return path;
        const local = under(cwd, path);
        if (local !== null)
            return local;
        const inHome = home ? under(home, path) : null;
        return inHome !== null ? `~${external_node_path_.sep}${inHome}` : path;
    };
}

;// CONCATENATED MODULE: ./lib/cli/parse-errors.js
/**
 * node:util's parseArgs errors, said in the product's own words: `Option '-p, --profile <value>' argument missing`
 * becomes `--profile needs a value: --profile PATH`. Anything not recognised keeps parseArgs' own first sentence.
 */


/** The long flag a parseArgs message is about (`'-p, --profile <value>'`, `'-p'`, `'--strict'`). */
function flagIn(message, keys) {
    const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
    const long = /--([A-Za-z0-9-]+)/.exec(quoted)?.[1];
    const short = /^-([A-Za-z])\b/.exec(quoted)?.[1];
    for (const key of keys) {
        const spec = optionSpec(key);
        if (spec.flag === null)
            continue;
        if (spec.flag === long || (short !== undefined && spec.short === short)) {
            return { flag: spec.flag, valueName: spec.kind === 'boolean' ? null : spec.valueName };
        }
    }
    return long ? { flag: long, valueName: null } : null;
}
/** The value after a flag in argv (for the "looks like an option" case). */
function valueAfter(argv, flag, short) {
    const index = argv.findIndex((arg) => arg === `--${flag}` || (short !== undefined && arg === `-${short}`));
    return argv[index + 1] ?? '';
}
function parserError(error, argv, keys, fixUsage) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error?.code;
    const about = flagIn(message, keys);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        const option = /'([^']+)'/.exec(message)?.[1] ?? message;
        return new errors/* InputError */.dz('unknown-option', `unknown option '${option}'`, { fix: fixUsage });
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && about) {
        const { flag, valueName } = about;
        if (/argument missing/.test(message)) {
            return new errors/* InputError */.dz('usage', `--${flag} needs a value`, { fix: `pass --${flag} ${valueName ?? 'VALUE'}` });
        }
        if (/does not take an argument/.test(message)) {
            return new errors/* InputError */.dz('usage', `--${flag} takes no value`, { fix: `write --${flag} alone` });
        }
        if (/ambiguous/.test(message)) {
            const short = keys.map(optionSpec).find((spec) => spec.flag === flag)?.short;
            const value = valueAfter(argv, flag, short);
            return new errors/* InputError */.dz('usage', `--${flag} needs a value, and '${value}' looks like an option`, {
                fix: `a value starting with a dash is written with '=': --${flag}=${value}`,
            });
        }
    }
    return new errors/* InputError */.dz('usage', message.split(/\.\s|\n/)[0] ?? message, { fix: fixUsage });
}

;// CONCATENATED MODULE: ./lib/cli/unknown-flag.js
/**
 * A long flag the CLI does not know, found before parsing so the message can name the flag the user most likely
 * meant (`--installer-args` -> `--installer-arg`) instead of only saying it is unknown.
 */


/**
 * Throws for the first `--name` in `argv` that is not a known flag. `takesValue` tells which flags consume the next
 * argument (so a value that starts with `--` is not mistaken for a flag); `--` ends the flags.
 */
function rejectUnknownLongFlags(argv, takesValue, fixUsage) {
    for (let index = 0; index < argv.length; index += 1) {
        const arg = argv[index] ?? '';
        if (arg === '--')
            return;
        if (!arg.startsWith('--'))
            continue;
        const equals = arg.indexOf('=');
        const name = arg.slice(2, equals === -1 ? undefined : equals);
        const known = takesValue.get(name);
        if (known === undefined) {
            const suggestion = closestName(name, [...takesValue.keys()]);
            throw new errors/* InputError */.dz('unknown-option', `unknown option '--${name}'`, {
                fix: suggestion ? `did you mean --${suggestion}? ${fixUsage}` : fixUsage,
                suggestion: suggestion ?? undefined,
            });
        }
        if (known && equals === -1)
            index += 1;
    }
}

;// CONCATENATED MODULE: ./lib/cli/parse-command-line.js
/**
 * argv -> CliOptions, built from the option table: the flags parseArgs knows, their checks and defaults, and which
 * commands accept them all come from src/options/option-table.ts. Pure: no file system, no environment.
 */









const CLI_OPTION_KEYS = OPTION_KEYS.filter((key) => optionSpec(key).flag !== null);
function helpFor(command) {
    return command ? `run \`amplifier-modules help ${command}\` for its options` : FIX_USAGE;
}
const FIX_USAGE = 'run `amplifier-modules --help` for the commands and options';
function flagsOf() {
    const flags = {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
    };
    for (const key of CLI_OPTION_KEYS) {
        const spec = optionSpec(key);
        if (spec.flag === null)
            continue;
        flags[spec.flag] = {
            type: spec.kind === 'boolean' ? 'boolean' : 'string',
            multiple: spec.kind === 'list',
            ...(spec.short ? { short: spec.short } : {}),
        };
    }
    return flags;
}
/** How the CLI words an option in the normaliser's messages: by its flag. */
const parse_command_line_CLI_WORDING = {
    offered: CLI_OPTION_KEYS,
    label: (key) => `--${optionSpec(key).flag ?? key}`,
    fixValue: (key, example) => `pass --${optionSpec(key).flag ?? key} ${example}`,
    fixDrop: (key) => `drop --${optionSpec(key).flag ?? key}`,
    commandsHint: helpFor,
};
/** The flags parseArgs saw, by option key, raw: a boolean flag flips its default (`--no-install`: install false). */
function givenFlags(values) {
    const given = {};
    for (const key of CLI_OPTION_KEYS) {
        const spec = optionSpec(key);
        const raw = values[spec.flag ?? key];
        if (raw === undefined)
            continue;
        if (spec.kind === 'boolean')
            given[key] = !spec.default;
        else if (spec.kind === 'list')
            given[key] = (Array.isArray(raw) ? raw : [raw]).map(String);
        else
            given[key] = String(Array.isArray(raw) ? raw[raw.length - 1] : raw);
    }
    return given;
}
function commandOf(word) {
    if (word === undefined)
        return null;
    if (COMMANDS.includes(word))
        return word;
    const suggestion = closestName(word, COMMANDS);
    throw new errors/* InputError */.dz('unknown-command', `unknown command '${word}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`, {
        fix: `use one of: ${COMMANDS.join(', ')}`,
        suggestion: suggestion ?? undefined,
    });
}
function shellOf(words) {
    const [shell, more] = words;
    if (more !== undefined || !SHELLS.includes(shell)) {
        throw new errors/* InputError */.dz('usage', shell === undefined ? 'completion needs a shell' : `no completion for '${words.join(' ')}'`, {
            fix: `run amplifier-modules completion ${SHELLS.join('|')}`,
        });
    }
    return shell;
}
/** Parses argv (without node and the script). */
function parseCommandLine(argv) {
    let parsed;
    const flags = flagsOf();
    rejectUnknownLongFlags(argv, new Map(Object.entries(flags).map(([name, flag]) => [name, flag.type === 'string'])), FIX_USAGE);
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: [...argv], allowPositionals: true, strict: true, options: flags });
    }
    catch (error) {
        throw parserError(error, argv, CLI_OPTION_KEYS, FIX_USAGE);
    }
    const { values, positionals } = parsed;
    if (values.version)
        return { kind: 'version' };
    const [commandWord, ...extra] = positionals;
    if (commandWord === 'completion')
        return { kind: 'completion', shell: shellOf(extra) };
    if (commandWord === 'help') {
        if (extra.length > 1)
            throw new errors/* InputError */.dz('usage', `unexpected argument '${extra[1]}'`, { fix: FIX_USAGE });
        return { kind: 'help', command: commandOf(extra[0]) };
    }
    const command = commandOf(commandWord);
    if (values.help || command === null)
        return { kind: 'help', command };
    if (extra.length > 0 && command !== 'lock') {
        throw new errors/* InputError */.dz('usage', `unexpected argument '${extra[0]}'`, {
            fix: 'give profile files with --profile FILE (repeatable)',
        });
    }
    if (extra.length > 0 && values.update !== true) {
        throw new errors/* InputError */.dz('usage', `module ids (${extra.join(', ')}) select what --update re-pins`, {
            fix: `run amplifier-modules lock --update ${extra.join(' ')} (or drop the ids to lock everything)`,
        });
    }
    const checked = checkOptions(command, givenFlags(values), parse_command_line_CLI_WORDING);
    if (checked.quiet && checked.verbose) {
        throw new errors/* InputError */.dz('usage', '--quiet and --verbose ask for opposite things', { fix: 'keep one of them' });
    }
    const options = { command, moduleIds: extra };
    for (const key of CLI_OPTION_KEYS)
        options[key] = checked[key];
    return { kind: 'run', options: options };
}

;// CONCATENATED MODULE: ./lib/cli/help.js
/** `--help` text, built from the option table: a command's help lists exactly the options that command accepts. */


const SUMMARY = {
    resolve: 'resolve every declared module through the layers; no network, no Python needed',
    warm: 'resolve, pin git refs to commits and fetch every git source into the module cache',
    install: 'warm, then one batched editable install of every Python module into --python',
    verify: 'install (skip with --no-install), then audit every declared module’s import target',
    doctor: 'audit every editable install of an environment and Amplifier’s install state; --fix repairs both',
    prune: 'quarantine module-cache directories nothing uses; delete quarantined ones past --retention-days (--dry-run lists)',
    lock: 'pin every git source and bundle include to a commit in a lock file; --update [MODULE...] re-pins',
};
const EXIT_CODES_TEXT = 'exit codes: 0 every module ok; 1 at least one module failed; 2 bad input or usage; 3 runtime failure (no Python,\n  cache locked, ...); 4 internal error (a bug); 130/143 interrupted';
const LOCK_EXIT_CODES = 'lock: 0 written or already up to date; 1 a module did not resolve; 2 bad input, a ref that does not exist or an\n  unknown module id; 3 a repository could not be reached; nothing is written unless the exit code is 0';
function optionLine(left, text) {
    return `  ${left.padEnd(26)}${left.length >= 26 ? ' ' : ''}${text}`;
}
function optionLines(command) {
    const lines = [];
    for (const key of CLI_OPTION_KEYS) {
        const spec = optionSpec(key);
        if (spec.flag === null || !spec.commands.includes(command))
            continue;
        const names = spec.short ? `--${spec.flag}, -${spec.short}` : `--${spec.flag}`;
        lines.push(optionLine(spec.kind === 'boolean' ? names : `${names} ${spec.valueName}`, spec.help));
    }
    lines.push(optionLine('--help, -h', 'this text'));
    return lines;
}
/** `usage: amplifier-modules verify [options] (amplifier-modules help verify lists them)`, said under a usage error. */
function usageLine(command) {
    if (command === null)
        return 'usage: amplifier-modules <command> [options] (amplifier-modules --help lists the commands)';
    const ids = command === 'lock' ? ' [MODULE...]' : '';
    return `usage: amplifier-modules ${command} [options]${ids} (amplifier-modules help ${command} lists them)`;
}
function helpText(command) {
    if (command === null) {
        return `amplifier-modules: resolve, cache, install and verify Amplifier modules

usage: amplifier-modules <command> [options]
       amplifier-modules help <command>     the options of one command
       amplifier-modules completion bash|zsh|fish   a shell completion script
       amplifier-modules --version, -V

commands:
${COMMANDS.map((name) => `  ${name.padEnd(9)} ${SUMMARY[name]}`).join('\n')}

${EXIT_CODES_TEXT}
`;
    }
    return `amplifier-modules ${command}: ${SUMMARY[command]}

usage: amplifier-modules ${command} [options]${command === 'lock' ? ' [MODULE...]' : ''}

options:
${optionLines(command).join('\n')}

${EXIT_CODES_TEXT}${command === 'lock' ? `\n${LOCK_EXIT_CODES}` : ''}
`;
}

;// CONCATENATED MODULE: ./lib/cli/json-output.js


/** Whether the last `--format` on the command line says json (`--format json` or `--format=json`). */
function wantsJson(argv) {
    let json = false;
    argv.forEach((arg, index) => {
        if (arg === '--format')
            json = argv[index + 1] === 'json';
        else if (arg.startsWith('--format='))
            json = arg === '--format=json';
    });
    return json;
}
/** The first word that names a command, so an error document says which command it was for. */
function commandWord(argv) {
    const word = argv.find((arg) => COMMANDS.includes(arg));
    return word ?? null;
}
/** Bad input (exit 2) or a machine that could not run the check (exit 3): what failed, where, and the fix. */
function failureDocument(error, command) {
    return errorDocument(command, failureDiagnostic(error));
}
function internalErrorDocument(message, command) {
    return errorDocument(command, {
        code: 'internal',
        message: `internal error: ${message}`,
        fix: 'this is a bug in amplifier-modules; rerun with AMPLIFIER_MODULES_DEBUG=1 and report the output',
    });
}

;// CONCATENATED MODULE: ./lib/cli/report-to-file.js
/**
 * `--report FILE`: checked before the run, written after it. A regular file (or a new one) is replaced through a temp
 * file and a rename, so a failed write leaves the previous report whole. A special file the user names on purpose
 * (`/dev/null`, `/dev/stdout`, a FIFO another process reads) is written in place: renaming over it would replace the
 * device itself, which as root breaks every later program that writes to /dev/null.
 */




/** Checked before any work starts, so a typo in --report never costs a whole run. */
async function checkReportTarget(path) {
    const dir = (0,external_node_path_.dirname)(path);
    const stat = await external_node_fs_.promises.stat(dir).catch(() => null);
    if (!stat?.isDirectory()) {
        throw new errors/* InputError */.dz('usage', `--report ${path}: the directory ${dir} does not exist`, {
            fix: `create ${dir} first, or pass a path in an existing directory`,
        });
    }
    const existing = await external_node_fs_.promises.stat(path).catch(() => null);
    if (existing?.isDirectory()) {
        throw new errors/* InputError */.dz('usage', `--report ${path} is a directory`, {
            fix: 'pass a file path, e.g. --report report.json',
        });
    }
    if (existing?.isSocket()) {
        throw new errors/* InputError */.dz('usage', `--report ${path} is a socket`, {
            fix: 'pass a file path, e.g. --report report.json',
        });
    }
}
/** Writes into an existing device or FIFO without replacing it; a FIFO nobody reads fails at once (no hang). */
async function writeInPlace(path, text) {
    const handle = await external_node_fs_.promises.open(path, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        await handle.writeFile(text);
    }
    finally {
        await handle.close();
    }
}
async function report_to_file_replaceFile(path, text) {
    const temp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await external_node_fs_.promises.writeFile(temp, text, { flag: 'wx' });
        await external_node_fs_.promises.rename(temp, path);
    }
    finally {
        await external_node_fs_.promises.rm(temp, { force: true }).catch(() => undefined);
    }
}
async function writeReportFile(path, text) {
    try {
        const existing = await external_node_fs_.promises.stat(path).catch(() => null);
        if (existing && !existing.isFile())
            await writeInPlace(path, text);
        else
            await report_to_file_replaceFile(path, text);
    }
    catch (error) {
        const reason = error.code ?? String(error);
        throw new errors/* RuntimeFailure */.$c('report-unwritable', `could not write the report ${path} (${reason}); the previous report, if any, is unchanged`, error instanceof Error ? error.message : undefined, reason === 'ENOSPC'
            ? `free space on the disk holding ${(0,external_node_path_.dirname)(path)}, then run again`
            : reason === 'ENXIO'
                ? `${path} is a FIFO nobody reads: start its reader first, or pass a file path`
                : `make ${path} writable`);
    }
}

;// CONCATENATED MODULE: ./lib/cli/stream-writer.js
function streamWriter(stream) {
    let closed = false;
    stream.on('error', () => {
        closed = true;
    });
    return (text) => {
        if (closed || stream.destroyed)
            return;
        stream.write(text);
    };
}

;// CONCATENATED MODULE: ./lib/cli/main.js






















/** The command line's options for a run: relative paths are taken from the working directory. */
function cliPipelineOptions(options, io) {
    const values = { ...defaultOptionValues(), ...options };
    return toPipelineOptions(options.command, values, { base: io.cwd, env: io.env, moduleIds: options.moduleIds });
}
const NAMESPACE_WORDING = {
    label: (name, dir) => `--namespace ${name}=${dir}`,
    fix: (name) => `point --namespace ${name}= at the directory holding that bundle or collection`,
};
async function runCli(io) {
    const redactor = new Redactor();
    // An environment override may carry a credential in a URL: masked before anything is printed.
    redactor.addCredentialsIn(io.env);
    // Read before parsing, so a usage error in the command line itself is still answered in JSON.
    const json = wantsJson(io.argv);
    const command = commandWord(io.argv);
    const printJson = (value) => io.stdout(`${terminalSafeJson(JSON.stringify(redactor.redactDeep(value), null, 2))}\n`);
    // Messages name files and carry git's and pip's words: their control characters are shown, never acted on, and
    // no line of them is a workflow command when a CI step runs the CLI.
    const printError = (text) => io.stderr(`${withoutWorkflowCommands(printable(redactor.redact(text), true))}\n`);
    const startedAt = performance.now();
    // A mistake in the command line itself is answered with the command's usage, as a parser's message would be.
    let parsing = true;
    try {
        const parsed = parseCommandLine(io.argv);
        parsing = false;
        if (parsed.kind === 'completion') {
            io.stdout(completionScript(parsed.shell));
            return 0;
        }
        if (parsed.kind === 'version') {
            io.stdout(`${version_VERSION}\n`);
            return 0;
        }
        if (parsed.kind === 'help') {
            io.stdout(helpText(parsed.command));
            return 0;
        }
        const cli = parsed.options;
        const logsToStderr = cli.format === 'json';
        const logger = createStreamLogger({
            write: logsToStderr ? io.stderr : io.stdout,
            redactor,
            verbose: cli.verbose,
            quiet: cli.quiet,
            paint: paintFor(io.env, (logsToStderr ? io.terminal?.stderr : io.terminal?.stdout) ?? false, cli.color),
        });
        const options = cliPipelineOptions(cli, io);
        const reportPath = cli.report ? absolutePath(cli.report, io.cwd, io.env) : null;
        if (reportPath)
            await checkReportTarget(reportPath);
        await checkNamespaceDirs(nodeFileSystem, options.namespaces, NAMESPACE_WORDING);
        const { report } = await runPipeline(options, {
            fs: nodeFileSystem,
            exec: nodeExec,
            env: io.env,
            logger,
            clock: { now: () => Date.now() },
            redactor,
            cacheStore: noCacheStore,
            platform: { os: process.platform, arch: process.arch },
        });
        const safe = redactor.redactDeep(report);
        // The run's own output first: a report file that cannot be written must not hide what the run found.
        if (cli.format === 'json')
            printJson(safe);
        else {
            const paint = paintFor(io.env, io.terminal?.stdout ?? false, cli.color);
            const view = {
                elapsedMs: performance.now() - startedAt,
                quiet: cli.quiet,
                showPath: displayPath(io.cwd, io.env.HOME),
            };
            io.stdout(withoutWorkflowCommands(renderText(printableDeep(safe), paint, view)));
        }
        if (reportPath)
            await writeReportFile(reportPath, `${JSON.stringify(safe, null, 2)}\n`);
        return report.ok ? errors/* EXIT_CODES */.ai.ok : errors/* EXIT_CODES */.ai.moduleFailed;
    }
    catch (error) {
        if ((0,errors/* isRuntimeFailure */.lz)(error) && error.code !== 'internal') {
            printError((0,errors/* formatRuntimeFailure */.kv)(error));
            if (json)
                printJson(failureDocument(error, command));
            return errors/* EXIT_CODES */.ai.runtimeFailure;
        }
        if ((0,errors/* isInputError */.BT)(error)) {
            const usage = parsing ? `\n  ${usageLine(command)}` : '';
            printError(`${(0,errors/* formatInputError */.i8)(error)}${usage}`);
            if (json)
                printJson(failureDocument(error, command));
            return errors/* EXIT_CODES */.ai.badInput;
        }
        const message = error instanceof Error ? error.message : String(error);
        printError(`internal error: ${message}\n  this is a bug in amplifier-modules; rerun with AMPLIFIER_MODULES_DEBUG=1 and report the output`);
        if (io.env.AMPLIFIER_MODULES_DEBUG && error instanceof Error && error.stack)
            printError(error.stack);
        if (json)
            printJson(internalErrorDocument(message, command));
        return errors/* EXIT_CODES */.ai.internalError;
    }
}
async function main() {
    const stdout = streamWriter(process.stdout);
    const stderr = streamWriter(process.stderr);
    exitOnSignals(stderr);
    const code = await runCli({
        argv: process.argv.slice(2),
        env: process.env,
        cwd: process.cwd(),
        stdout,
        stderr,
        terminal: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
    });
    process.exitCode = code;
}


/***/ }),

/***/ 452:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $c: () => (/* binding */ RuntimeFailure),
/* harmony export */   BT: () => (/* binding */ isInputError),
/* harmony export */   ai: () => (/* binding */ EXIT_CODES),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   i8: () => (/* binding */ formatInputError),
/* harmony export */   kv: () => (/* binding */ formatRuntimeFailure),
/* harmony export */   lz: () => (/* binding */ isRuntimeFailure)
/* harmony export */ });
/**
 * Typed errors. Every error the product raises on purpose carries a `code`; the CLI maps
 * `InputError` to exit 2 and prints `file:line: message` plus the fix, never a stack trace.
 */
/** Bad input from the user: exit code 2. `fix` tells the user what to change. */
class InputError extends Error {
    name = 'InputError';
    code;
    file;
    line;
    fix;
    /** For a misspelt name (`unknown-option`, `unknown-command`): the known name closest to it, when one is close. */
    suggestion;
    constructor(code, message, where = {}) {
        super(message);
        this.code = code;
        this.file = where.file;
        this.line = where.line;
        this.fix = where.fix;
        this.suggestion = where.suggestion;
    }
}
/** A failure of the environment (git, network, installer, Python): reported per module where possible. */
class RuntimeFailure extends Error {
    name = 'RuntimeFailure';
    code;
    detail;
    /** What the user can do about it. */
    fix;
    constructor(code, message, detail, fix) {
        super(message);
        this.code = code;
        this.detail = detail;
        this.fix = fix;
    }
}
function isRuntimeFailure(value) {
    return value instanceof RuntimeFailure;
}
/**
 * The exit codes of the CLI (the action fails the step on every non-zero one). Distinct so a script can tell a
 * module that failed from a machine that could not run the check and from a bug in this tool.
 */
const EXIT_CODES = {
    ok: 0,
    moduleFailed: 1,
    badInput: 2,
    runtimeFailure: 3,
    internalError: 4,
    interruptedBySighup: 129,
    interruptedBySigint: 130,
    interruptedBySigterm: 143,
};
/** `error[code]: message`, the program's own output indented under it, then the fix. */
function formatRuntimeFailure(error) {
    const detail = error.detail?.trim()
        ? `\n${error.detail
            .trim()
            .split('\n')
            .map((line) => `  | ${line}`)
            .join('\n')}`
        : '';
    const fix = error.fix ? `\n  fix: ${error.fix}` : '';
    return `error[${error.code}]: ${error.message}${detail}${fix}`;
}
function isInputError(value) {
    return value instanceof InputError;
}
/** `file:line: message` (the location parts only when known), then the fix on its own line. */
function formatInputError(error) {
    const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ''}: ` : '';
    const fix = error.fix ? `\n  fix: ${error.fix}` : '';
    return `error[${error.code}]: ${where}${error.message}${fix}`;
}


/***/ })

};
