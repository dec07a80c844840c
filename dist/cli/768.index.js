export const id = 768;
export const ids = [768];
export const modules = {

/***/ 7768:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  libraryLocatedYaml: () => (/* binding */ libraryLocatedYaml),
  libraryYamlSource: () => (/* binding */ libraryYamlSource)
});

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./lib/errors.js
var errors = __webpack_require__(452);
;// CONCATENATED MODULE: ./lib/yaml/pyyaml-block-scalars.js
/**
 * Two places where PyYAML's block scalars (`|`, `>`) differ from the YAML library's, put right on the parsed document:
 * - a block scalar that ends the text without a final line break has no final line break in PyYAML's value;
 * - in a literal (`|`) scalar, a line that ends with LINE SEPARATOR or PARAGRAPH SEPARATOR keeps that character in
 *   PyYAML's value where the library (given `\n` there: pyyaml-text.ts) has `\n`; in a folded one (`>`), the last.
 */

const KEPT_BREAK = /[\u2028\u2029]/;
function literalBreaks(value, start, end, parsed, original) {
    // The value's line breaks are the source's, in order, after the header line's own.
    const breaks = [];
    for (let at = parsed.indexOf('\n', start); at >= 0 && at < end; at = parsed.indexOf('\n', at + 1))
        breaks.push(at);
    let index = 0;
    return value.replace(/\n/g, (newline) => {
        index += 1;
        const char = original[breaks[index] ?? -1] ?? '';
        return KEPT_BREAK.test(char) ? char : newline;
    });
}
/** A folded scalar's final line break, which PyYAML keeps as written (its inner ones are beyond this repair). */
function finalBreak(value, start, end, parsed, original) {
    if (!value.endsWith('\n'))
        return value;
    const content = parsed.slice(start, end).trimEnd();
    const lastBreak = parsed.indexOf('\n', start + content.length);
    const char = lastBreak >= 0 && lastBreak <= end ? (original[lastBreak] ?? '') : '';
    return KEPT_BREAK.test(char) ? `${value.slice(0, -1)}${char}` : value;
}
/**
 * `parsed` is the text the library read; `original` the file's text when they have the same length (only PyYAML's line
 * breaks were replaced), else null.
 */
function matchPyYamlBlockScalars(doc, parsed, original) {
    const endsWithBreak = /\n$/.test(parsed);
    (0,dist/* visit */.YR)(doc, {
        Scalar(_key, node) {
            if (!(0,dist/* isScalar */.jn)(node) || typeof node.value !== 'string' || !node.range)
                return;
            if (node.type !== dist/* Scalar */.X5.BLOCK_LITERAL && node.type !== dist/* Scalar */.X5.BLOCK_FOLDED)
                return;
            const [start, end] = node.range;
            let value = node.value;
            if (original !== null && KEPT_BREAK.test(original.slice(start, end))) {
                if (node.type === dist/* Scalar */.X5.BLOCK_LITERAL)
                    value = literalBreaks(value, start, end, parsed, original);
                else
                    value = finalBreak(value, start, end, parsed, original);
            }
            if (!endsWithBreak && end >= parsed.length && value.endsWith('\n'))
                value = value.slice(0, -1);
            node.value = value;
        },
    });
}

;// CONCATENATED MODULE: ./lib/yaml/pyyaml-compat.js
/**
 * Where PyYAML (what Amplifier reads files with) differs from a YAML 1.2 parser: its booleans, and quoted scalars.
 *
 * PyYAML accepts a multi-line quoted scalar whose continuation lines are indented
 * less than its key, e.g. an agent `description: "...` whose `<example>` lines start at column 0. YAML 1.2 parsers
 * reject that. Leading white space of a quoted scalar's continuation lines is folded away, so indenting those lines
 * changes no value and no line number: this makes such files parse as they do upstream.
 */
const QUOTED_VALUE_START = /^(\s*)(?:-\s+)?(?:[^\s#'"][^#'"]*?|"[^"]*"|'[^']*'):\s+(["'])(.*)$/;
/** Index just after the closing quote in `text`, or -1 when the scalar continues on the next line. */
function closingQuoteEnd(text, quote) {
    for (let index = 0; index < text.length; index++) {
        const char = text[index];
        if (quote === '"' && char === '\\') {
            index++;
            continue;
        }
        if (char !== quote)
            continue;
        if (quote === "'" && text[index + 1] === "'") {
            index++;
            continue;
        }
        return index + 1;
    }
    return -1;
}
function indentOf(line) {
    return line.length - line.trimStart().length;
}
/** The text with under-indented quoted-scalar continuation lines indented; null when there were none. */
function reindentQuotedContinuations(text) {
    const lines = text.split('\n');
    let changed = false;
    let open = null;
    for (const [index, line] of lines.entries()) {
        if (open) {
            const current = open;
            if (line.trim() !== '' && indentOf(line) <= current.indent) {
                lines[index] = `${' '.repeat(current.indent + 2)}${line.trimStart()}`;
                changed = true;
            }
            if (closingQuoteEnd(line, current.quote) >= 0)
                open = null;
            continue;
        }
        const match = QUOTED_VALUE_START.exec(line);
        if (!match)
            continue;
        const [, indent = '', quote = '"', rest = ''] = match;
        if (closingQuoteEnd(rest, quote) < 0)
            open = { quote, indent: indent.length };
    }
    return changed ? lines.join('\n') : null;
}
/**
 * PyYAML's booleans, the words its resolver reads as true or false (unlike YAML 1.1, `y` and `n` stay strings).
 * The YAML library uses them through a custom tag.
 */
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_BOOLEAN = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
/**
 * PyYAML's floats: a dot is required before any exponent, and an exponent has a sign (`1e3` and `1.0e3` stay strings,
 * unlike the YAML library's 1.1 schema); `1:30.5` is base 60; `.inf` and `.nan` in their three spellings.
 */
const PYYAML_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** The value PyYAML's float constructor gives a text PYYAML_FLOAT matches. */
function pyyamlFloat(text) {
    const value = text.replace(/_/g, '').toLowerCase();
    const sign = value.startsWith('-') ? -1 : 1;
    const digits = value.replace(/^[-+]/, '');
    if (digits === '.inf')
        return sign * Number.POSITIVE_INFINITY;
    if (digits === '.nan')
        return Number.NaN;
    if (!digits.includes(':'))
        return sign * Number(digits);
    return sign * digits.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

;// CONCATENATED MODULE: ./lib/yaml/pyyaml-text.js
/**
 * What PyYAML (which Amplifier reads every file with) takes for a line break and for white space, applied before the
 * YAML library reads a text, so both see the same lines and the same tokens:
 * - NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) and a lone CR end a line, a comment included: a module
 *   written after one of them inside a comment is a module for Amplifier. They become `\n`, one character for one,
 *   so every offset stays; inside a quoted scalar LS and PS stay as they are (PyYAML keeps them in the value).
 * - A tab is white space only inside a quoted or block scalar and in a comment; anywhere else (after `key:`, after
 *   `-`, in indentation, inside a plain scalar) PyYAML refuses the file: "found character '\t' that cannot start any
 *   token". So is it refused here, at its line and column.
 * - A non-breaking space is no white space at all (the library agrees; JavaScript's trim() does not, so nothing
 *   here trims).
 */

const BREAKS = /[\u0085\u2028\u2029]|\r(?!\n)/g;
const HAS_BREAK = /[\u0085\u2028\u2029]|\r(?!\n)/;
const KEPT_IN_QUOTES = /[\u2028\u2029]/;
/** The index just past the closing quote of a quoted scalar in `source` (searched from `from`), or -1. */
function closingEnd(source, quote, from) {
    for (let at = from; at < source.length; at += 1) {
        const char = source[at];
        if (quote === '"' && char === '\\')
            at += 1;
        else if (char === quote) {
            if (quote === "'" && source[at + 1] === "'")
                at += 1;
            else
                return at + 1;
        }
    }
    return -1;
}
/**
 * The lexer's tokens with their offsets (its control tokens take no room in the text). A quoted scalar whose lines
 * continue less indented than its key (which PyYAML reads) comes as several tokens: the ones up to its closing
 * quote are part of it.
 */
function tokens(text) {
    const out = [];
    let offset = 0;
    let blockHeader = false;
    let blockContentNext = false;
    let openQuote = null;
    for (const source of new dist/* Lexer */.JG().lex(text)) {
        if (source === dist/* CST */.DB.DOCUMENT || source === dist/* CST */.DB.FLOW_END || source === dist/* CST */.DB.SCALAR) {
            if (source === dist/* CST */.DB.SCALAR && blockHeader)
                blockContentNext = true;
            continue;
        }
        const type = dist/* CST */.DB.tokenType(source) ?? null;
        let quoted = false;
        let literalEnd = blockContentNext || type === 'comment' ? source.length : 0;
        if (openQuote !== null || type === 'single-quoted-scalar' || type === 'double-quoted-scalar') {
            const quote = openQuote ?? source[0] ?? '"';
            const end = closingEnd(source, quote, openQuote === null ? 1 : 0);
            quoted = true;
            literalEnd = end < 0 ? source.length : end;
            openQuote = end < 0 ? quote : null;
        }
        out.push({ source, offset, quoted, literalEnd });
        if (type === 'block-scalar-header')
            blockHeader = true;
        else if (blockContentNext || (type !== 'newline' && type !== 'space' && type !== 'comment'))
            blockHeader = false;
        blockContentNext = false;
        offset += source.length;
    }
    return out;
}
/** The text with PyYAML's line breaks as `\n` (same length); LS and PS inside quoted scalars kept. */
function withPyYamlLineBreaks(text) {
    if (!HAS_BREAK.test(text))
        return text;
    const broken = text.replace(BREAKS, '\n');
    if (!KEPT_IN_QUOTES.test(text))
        return broken;
    const chars = broken.split('');
    for (const token of tokens(broken)) {
        if (!token.quoted)
            continue;
        for (let at = token.offset; at < token.offset + token.source.length; at += 1) {
            const original = text[at] ?? '';
            if (KEPT_IN_QUOTES.test(original))
                chars[at] = original;
        }
    }
    return chars.join('');
}
/** The offset of the first tab PyYAML would refuse, or null. */
function refusedTabOffset(text) {
    if (!text.includes('\t'))
        return null;
    for (const token of tokens(text)) {
        if (token.literalEnd === token.source.length && !token.quoted) {
            // A block scalar's token ends with the white space before the next line's first token: its indentation.
            const lastBreak = token.source.lastIndexOf('\n');
            const tail = token.source.slice(lastBreak + 1);
            if (lastBreak >= 0 && /^[ \t]*$/.test(tail) && tail.includes('\t'))
                return token.offset + lastBreak + 1 + tail.indexOf('\t');
            continue;
        }
        const tab = token.source.indexOf('\t', token.literalEnd);
        if (tab >= 0)
            return token.offset + tab;
    }
    return null;
}
/**
 * The offset of the first mapping value written without a key (`: x` with nothing before it on its line, or in a
 * flow mapping): the library reads an empty key there, PyYAML refuses the file. An explicit `? ` key may be empty.
 */
function keylessValueOffset(doc, text) {
    let found = null;
    (0,dist/* visit */.YR)(doc, {
        Pair(_key, pair) {
            const key = pair.key;
            const start = key?.range?.[0];
            if (typeof start !== 'number' || key?.range?.[1] !== start || text[start] !== ':')
                return;
            found = start;
            return dist/* visit */.YR.BREAK;
        },
    });
    return found;
}
const ANCHOR_NAME = /^[0-9A-Za-z_-]+$/;
/** The offset of the first anchor or alias whose name PyYAML refuses (it allows letters, digits, `-` and `_`). */
function badAnchorOffset(doc) {
    let found = null;
    const check = (name, range) => {
        if (typeof name !== 'string' || ANCHOR_NAME.test(name))
            return false;
        found = range?.[0] ?? 0;
        return true;
    };
    (0,dist/* visit */.YR)(doc, {
        Node(_key, node) {
            const anchored = node;
            if (check(anchored.anchor, anchored.range))
                return dist/* visit */.YR.BREAK;
            if ((0,dist/* isAlias */.Vj)(node) && check(anchored.source, anchored.range))
                return dist/* visit */.YR.BREAK;
            return undefined;
        },
    });
    return found;
}

;// CONCATENATED MODULE: ./lib/yaml/yaml-library.js
/**
 * The YAML library's reading of a file (every YAML file is read here): parsed as PyYAML reads it (YAML
 * 1.1: `on`/`yes` are booleans, `<<` merges, timestamps stay strings), every position counted by one line counter,
 * errors as bad input at their line and column. Loaded on first need: the library is most of the bundle.
 */





/** Aliases allowed per document: generous for real files, fatal for an alias bomb. */
const MAX_ALIAS_COUNT = 100;
// Settings files are small; deeper nesting is either a mistake or an attack on the parser.
const MAX_DEPTH = 64;
const BOOL_TAG = 'tag:yaml.org,2002:bool';
/** Timestamps stay strings ("as written"); booleans follow PyYAML, which (unlike YAML 1.1) leaves y/n as strings. */
const FLOAT_TAG = 'tag:yaml.org,2002:float';
const REPLACED_TAGS = ['tag:yaml.org,2002:timestamp', BOOL_TAG, FLOAT_TAG];
const PYYAML_FLOAT_TAG = {
    tag: FLOAT_TAG,
    default: true,
    identify: (value) => typeof value === 'number' && !Number.isInteger(value),
    test: PYYAML_FLOAT,
    resolve: pyyamlFloat,
};
const PYYAML_BOOL = {
    tag: BOOL_TAG,
    default: true,
    identify: (value) => typeof value === 'boolean',
    test: PYYAML_BOOLEAN,
    resolve: (text) => PYYAML_TRUE.test(text),
};
const YAML_FIX = 'correct the YAML syntax at that line (indentation, quoting, unclosed brackets)';
function parseWithLines(text) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, {
        lineCounter,
        keepSourceTokens: true,
        uniqueKeys: true,
        version: '1.1',
        merge: true,
        prettyErrors: false,
        customTags: (tags) => [
            ...tags.filter((tag) => typeof tag === 'string' || !REPLACED_TAGS.includes(tag.tag)),
            PYYAML_BOOL,
            PYYAML_FLOAT_TAG,
        ],
    });
    return { doc, lineCounter };
}
/** The first error of a parse: the library's, or a tab PyYAML refuses, whichever comes first in the text. */
function firstError(doc, tabOffset) {
    // PyYAML's safe loader refuses a tag it has no constructor for; the library only warns.
    const [error] = [...doc.errors, ...doc.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED')];
    const library = error
        ? {
            offset: error.pos[0],
            message: `${error.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'invalid YAML'}: ${(error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
            duplicate: error.code === 'DUPLICATE_KEY',
        }
        : null;
    if (tabOffset !== null && (library === null || tabOffset <= library.offset)) {
        return {
            offset: tabOffset,
            message: 'invalid YAML: a tab where YAML (as PyYAML, which Amplifier uses, reads it) allows only spaces',
            duplicate: false,
        };
    }
    return library;
}
/** What the library reads and PyYAML refuses: a value with no key, an anchor name beyond letters, digits, - and _. */
function pyyamlRefusal(doc, text) {
    const keyless = keylessValueOffset(doc, text);
    if (keyless !== null)
        return { offset: keyless, message: "invalid YAML: a mapping value (':') with no key", duplicate: false };
    const anchor = badAnchorOffset(doc);
    if (anchor === null)
        return null;
    return {
        offset: anchor,
        message: 'invalid YAML: an anchor or alias name other than letters, digits, - and _',
        duplicate: false,
    };
}
/**
 * Parses YAML text the way PyYAML reads Amplifier files (YAML 1.1: `on`/`yes` are booleans, `<<` merges; its line
 * breaks and white space: pyyaml-text.ts), except that timestamps stay strings so values remain "as written".
 * `lineOffset` is the number of file lines before the YAML text (front matter starts after `---`). A syntax error is
 * bad input at its line, and the message names its column.
 */
function parseYaml(file, original, lineOffset) {
    const text = withPyYamlLineBreaks(original);
    let parsed = parseWithLines(text);
    let parsedText = text;
    if (parsed.doc.errors.length > 0) {
        // Retry the way PyYAML would read it; keep the first attempt's error if that does not help.
        const lenient = reindentQuotedContinuations(text);
        const second = lenient === null ? null : parseWithLines(lenient);
        if (second && lenient !== null && second.doc.errors.length === 0) {
            parsed = second;
            parsedText = lenient;
        }
    }
    matchPyYamlBlockScalars(parsed.doc, parsedText, parsedText === text ? original : null);
    const { doc, lineCounter } = parsed;
    const lineAt = (offset) => lineCounter.linePos(offset).line + lineOffset;
    const error = firstError(doc, refusedTabOffset(text)) ?? pyyamlRefusal(doc, parsedText);
    if (error) {
        throw new errors/* InputError */.dz('yaml-syntax', `${error.message} (column ${lineCounter.linePos(error.offset).col})`, {
            file,
            line: lineAt(error.offset),
            fix: error.duplicate ? 'keep only one of the repeated keys' : YAML_FIX,
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
        throw new errors/* InputError */.dz('yaml-too-complex', `YAML aliases expand too far (${message})`, {
            file,
            line: lineAt(firstAliasOffset(doc)),
            fix: `use at most ${MAX_ALIAS_COUNT} alias expansions; write the repeated values out`,
        });
    }
}
/** Where the first `*alias` is written: the line an alias bomb starts exploding. */
function firstAliasOffset(doc) {
    let offset = startOf(doc.contents) ?? 0;
    (0,dist/* visit */.YR)(doc, {
        Alias(_key, node) {
            offset = startOf(node) ?? offset;
            return dist/* visit */.YR.BREAK;
        },
    });
    return offset;
}
/** Where `path` was written: a mapping entry's key, a sequence item, or the nearest existing ancestor. */
function lineOfPath({ doc, lineAt }, path) {
    for (let length = path.length; length > 0; length--) {
        const parent = length === 1 ? doc.contents : doc.getIn(path.slice(0, length - 1), true);
        const last = path[length - 1];
        if ((0,dist/* isMap */.jh)(parent)) {
            const pair = parent.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === String(last));
            const start = startOf(pair?.key);
            if (start !== null)
                return lineAt(start);
        }
        else if ((0,dist/* isSeq */.oP)(parent) && typeof last === 'number') {
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
        throw new errors/* InputError */.dz('yaml-too-complex', `nesting deeper than ${MAX_DEPTH} levels`, { file, line: fallbackLine });
    if ((0,dist/* isAlias */.Vj)(node)) {
        throw new errors/* InputError */.dz('yaml-too-complex', 'YAML aliases are not supported in settings files', {
            file,
            line: lineOf(node, fallbackLine),
            fix: 'write the value out instead of using *alias',
        });
    }
    const line = lineOf(node, fallbackLine);
    if ((0,dist/* isMap */.jh)(node)) {
        const entries = new Map();
        for (const pair of node.items) {
            const keyNode = pair.key;
            const keyLine = lineOf(keyNode, line);
            const key = (0,dist/* isScalar */.jn)(keyNode) ? keyNode.value : keyNode;
            if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean')
                throw new errors/* InputError */.dz('invalid-settings', 'mapping keys must be plain scalars', { file, line: keyLine });
            const value = convert(parsed, pair.value, depth + 1, keyLine);
            entries.set(String(key), { key: String(key), line: keyLine, value });
        }
        return { kind: 'map', file, line, entries };
    }
    if ((0,dist/* isSeq */.oP)(node)) {
        const items = node.items.map((item) => convert(parsed, item, depth + 1, line));
        return { kind: 'list', file, line, items };
    }
    if ((0,dist/* isScalar */.jn)(node)) {
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
