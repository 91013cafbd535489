/** Why a front matter could not be read or written; stable codes that callers map to messages or HTTP answers. */
export type FrontMatterErrorReason =
  | 'unclosed'
  | 'syntax'
  | 'not_a_map'
  | 'code_engine'
  | 'too_large'
  | 'duplicate_key'
  | 'forbidden_key'
  | 'alias_limit'
  | 'unsupported_value';

/** A 1-based line and column within the whole file. */
export interface FrontMatterPosition {
  line: number;
  column: number;
}

/** The one error the front matter engine throws: a stable `reason`, a message saying what, where and how to fix, and the position when known. */
export class FrontMatterError extends Error {
  readonly reason: FrontMatterErrorReason;
  readonly line?: number;
  readonly column?: number;

  constructor(reason: FrontMatterErrorReason, message: string, position?: FrontMatterPosition) {
    super(message);
    this.name = 'FrontMatterError';
    this.reason = reason;
    if (position) {
      this.line = position.line;
      this.column = position.column;
    }
  }
}
