/** The front matter syntaxes Hugo reads, and 'none' for a file without front matter. */
export type FrontMatterFormat = 'yaml' | 'toml' | 'json' | 'none';

/** A front matter value as plain JSON: dates stay the strings the author wrote. */
export type FrontMatterValue =
  string | number | boolean | null | FrontMatterValue[] | { [key: string]: FrontMatterValue };

/** The key-value map of a front matter block. */
export type FrontMatterData = { [key: string]: FrontMatterValue };

/** A Markdown file split into its front matter format, data and body. */
export interface ParsedDocument {
  format: FrontMatterFormat;
  data: FrontMatterData;
  body: string;
}

/** A location inside front matter data: map keys and list indexes. */
export type DataPath = (string | number)[];
