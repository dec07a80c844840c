/** What a parsed YAML file gives its readers: a value and where each part of it was written. */

/** A path into a YAML value: mapping keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** One parsed YAML text with the means to point back at the line that wrote any part of it. */
export interface YamlSource {
  /** Absolute path of the file the YAML came from. */
  readonly file: string;
  /** The plain value (mappings become objects, sequences arrays). */
  readonly value: unknown;
  /** 1-based line in `file` where the node at `path` starts; the nearest existing ancestor when it is absent. */
  lineOf(path: YamlPath): number;
}

export interface Origin {
  readonly file: string;
  readonly line: number;
}

export type LocatedValue =
  | (Origin & { readonly kind: 'map'; readonly entries: ReadonlyMap<string, LocatedEntry> })
  | (Origin & { readonly kind: 'list'; readonly items: readonly LocatedValue[] })
  | (Origin & { readonly kind: 'scalar'; readonly value: string | number | boolean | null });

export interface LocatedEntry {
  readonly key: string;
  /** The line of the key (what a user looks for), which may differ from the value's first line. */
  readonly line: number;
  readonly value: LocatedValue;
}
