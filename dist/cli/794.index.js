export const id = 794;
export const ids = [794];
export const modules = {

/***/ 2794:
/***/ (function (__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   libraryLocatedYaml: () => (/* binding */ libraryLocatedYaml),
/* harmony export */   libraryYamlSource: () => (/* binding */ libraryYamlSource)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(452);
/* harmony import */ var _pyyaml_compat_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9606);
/**
 * The YAML library's reading of a file, for every text the block subset declines: parsed as PyYAML reads it (YAML
 * 1.1: `on`/`yes` are booleans, `<<` merges, timestamps stay strings), every position counted by one line counter,
 * errors as bad input at their line. Loaded only when a run meets such a text: the library is most of the bundle.
 */



/** Aliases allowed per document: generous for real files, fatal for an alias bomb. */
const MAX_ALIAS_COUNT = 100;
// Settings files are small; deeper nesting is either a mistake or an attack on the parser.
const MAX_DEPTH = 64;
const BOOL_TAG = 'tag:yaml.org,2002:bool';
/** Timestamps stay strings ("as written"); booleans follow PyYAML, which (unlike YAML 1.1) leaves y/n as strings. */
const REPLACED_TAGS = ['tag:yaml.org,2002:timestamp', BOOL_TAG];
const PYYAML_BOOL = {
    tag: BOOL_TAG,
    default: true,
    identify: (value) => typeof value === 'boolean',
    test: _pyyaml_compat_js__WEBPACK_IMPORTED_MODULE_2__/* .PYYAML_BOOLEAN */ .Um,
    resolve: (text) => _pyyaml_compat_js__WEBPACK_IMPORTED_MODULE_2__/* .PYYAML_TRUE */ .YO.test(text),
};
const YAML_FIX = 'correct the YAML syntax at that line (indentation, quoting, unclosed brackets)';
function parseWithLines(text) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, {
        lineCounter,
        keepSourceTokens: true,
        uniqueKeys: true,
        version: '1.1',
        merge: true,
        prettyErrors: false,
        customTags: (tags) => [
            ...tags.filter((tag) => typeof tag === 'string' || !REPLACED_TAGS.includes(tag.tag)),
            PYYAML_BOOL,
        ],
    });
    return { doc, lineCounter };
}
/**
 * Parses YAML text the way PyYAML reads Amplifier files (YAML 1.1: `on`/`yes` are booleans, `<<` merges), except
 * that timestamps stay strings so values remain "as written". `lineOffset` is the number of file lines before the
 * YAML text (front matter starts after `---`). A syntax error is bad input at its line.
 */
function parseYaml(file, text, lineOffset) {
    let parsed = parseWithLines(text);
    if (parsed.doc.errors.length > 0) {
        // Retry the way PyYAML would read it; keep the first attempt's error if that does not help.
        const lenient = (0,_pyyaml_compat_js__WEBPACK_IMPORTED_MODULE_2__/* .reindentQuotedContinuations */ .mH)(text);
        const second = lenient === null ? null : parseWithLines(lenient);
        if (second && second.doc.errors.length === 0)
            parsed = second;
    }
    const { doc, lineCounter } = parsed;
    const lineAt = (offset) => lineCounter.linePos(offset).line + lineOffset;
    const [error] = doc.errors;
    if (error) {
        const what = error.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'invalid YAML';
        const firstLine = error.message.split('\n')[0] ?? error.message;
        const fix = error.code === 'DUPLICATE_KEY' ? 'keep only one of the repeated keys' : YAML_FIX;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('yaml-syntax', `${what}: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`, {
            file,
            line: lineAt(error.pos[0]),
            fix,
        });
    }
    return { file, doc, lineAt };
}
function startOf(node) {
    const start = node?.range?.[0];
    return typeof start === 'number' ? start : null;
}
// --- YamlSource: one file's plain value and the line of any path in it.
function libraryYamlSource(file, text, lineOffset) {
    const parsed = parseYaml(file, text, lineOffset);
    return { file, value: toPlainValue(parsed), lineOf: (path) => lineOfPath(parsed, path) };
}
function toPlainValue({ doc, file, lineAt }) {
    try {
        return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('yaml-too-complex', `YAML aliases expand too far (${message})`, {
            file,
            line: lineAt(firstAliasOffset(doc)),
            fix: `use at most ${MAX_ALIAS_COUNT} alias expansions; write the repeated values out`,
        });
    }
}
/** Where the first `*alias` is written: the line an alias bomb starts exploding. */
function firstAliasOffset(doc) {
    let offset = startOf(doc.contents) ?? 0;
    (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR)(doc, {
        Alias(_key, node) {
            offset = startOf(node) ?? offset;
            return yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR.BREAK;
        },
    });
    return offset;
}
/** Where `path` was written: a mapping entry's key, a sequence item, or the nearest existing ancestor. */
function lineOfPath({ doc, lineAt }, path) {
    for (let length = path.length; length > 0; length--) {
        const parent = length === 1 ? doc.contents : doc.getIn(path.slice(0, length - 1), true);
        const last = path[length - 1];
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(parent)) {
            const pair = parent.items.find((item) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(item.key) && String(item.key.value) === String(last));
            const start = startOf(pair?.key);
            if (start !== null)
                return lineAt(start);
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(parent) && typeof last === 'number') {
            const start = startOf(parent.items[last]);
            if (start !== null)
                return lineAt(start);
        }
    }
    return lineAt(startOf(doc.contents) ?? 0);
}
// --- LocatedValue: a tree whose every node keeps its file and line.
/** Parses YAML text into a located tree; an empty document is an empty mapping. Aliases are refused. */
function libraryLocatedYaml(text, file) {
    const parsed = parseYaml(file, text, 0);
    if (parsed.doc.contents === null)
        return { kind: 'map', file, line: 1, entries: new Map() };
    return convert(parsed, parsed.doc.contents, 0, 1);
}
function convert(parsed, node, depth, fallbackLine) {
    const { file } = parsed;
    const lineOf = (of, fallback) => {
        const start = startOf(of);
        return start === null ? fallback : parsed.lineAt(start);
    };
    if (depth > MAX_DEPTH)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('yaml-too-complex', `nesting deeper than ${MAX_DEPTH} levels`, { file, line: fallbackLine });
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('yaml-too-complex', 'YAML aliases are not supported in settings files', {
            file,
            line: lineOf(node, fallbackLine),
            fix: 'write the value out instead of using *alias',
        });
    }
    const line = lineOf(node, fallbackLine);
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
        const entries = new Map();
        for (const pair of node.items) {
            const keyNode = pair.key;
            const keyLine = lineOf(keyNode, line);
            const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(keyNode) ? keyNode.value : keyNode;
            if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('invalid-settings', 'mapping keys must be plain scalars', { file, line: keyLine });
            const value = convert(parsed, pair.value, depth + 1, keyLine);
            entries.set(String(key), { key: String(key), line: keyLine, value });
        }
        return { kind: 'map', file, line, entries };
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
        const items = node.items.map((item) => convert(parsed, item, depth + 1, line));
        return { kind: 'list', file, line, items };
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node)) {
        const value = node.value;
        if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
            return { kind: 'scalar', file, line, value };
        return { kind: 'scalar', file, line, value: String(value) };
    }
    // An empty value (`key:`) has no node at all.
    return { kind: 'scalar', file, line, value: null };
}


/***/ })

};
