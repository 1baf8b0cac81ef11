// The language server's open documents: each one's text and line index, changed by incremental
// didChange events. It replaces vscode-languageserver's TextDocuments so that a change is converted to
// offsets with the line index the analysis uses anyway (one line index per document, not two), the new
// line index is built from the edit alone (lines after it are moved, not rescanned), and the edit is
// remembered so the next analysis redoes only that part of the document.
//
// The text is kept in chunks of about 16 KiB. V8 copies a whole string the first time a character of
// a concatenation is read (it flattens it), so a 3 MB document kept as one string costs a 3 MB copy
// per keystroke; here an edit rebuilds one chunk, the analysis reads the statements around the edit
// from the chunks (`read`), and the whole text is only a concatenation of the chunks until a feature
// that needs all of it (hover, completion, formatting) reads it.
import type { DocumentEdit, TextReader } from '../query/analyzer';
import { LineIndex, type Range } from '../query/text';

/** A didChange content change: a replaced range, or (no range) the whole new text. */
export interface ContentChange {
  range?: Range;
  text: string;
}

/** Two edits in a row as one: the region of the text that differs from the text before both. */
export function mergeEdits(
  first: DocumentEdit | undefined,
  start: number,
  end: number,
  length: number,
): DocumentEdit {
  if (!first) return { start, oldEnd: end, newEnd: start + length };
  // Past the end of the first edit's new text, the text lines up with the old text `oldEnd - newEnd` back.
  const upTo = Math.max(first.newEnd, end);
  return {
    start: Math.min(first.start, start),
    oldEnd: first.oldEnd + (upTo - first.newEnd),
    newEnd: upTo + length - (end - start),
  };
}

const CHUNK = 16 * 1024;

/** A string's own flat copy (a slice of a concatenation is copied into a new string of its size). */
const flat = (s: string) => (' ' + s).slice(1);

/** Text as chunks of at most 2 × CHUNK characters, with the offset each one starts at. */
export class ChunkedText {
  private chunks: string[] = [];
  private starts: number[] = [];
  /** The text as the client sent it (one flat string) until the first edit. */
  private original: string | undefined;
  /** The whole text as one concatenation of the chunks (never read here, which would flatten it). */
  private joined: string | undefined;
  length = 0;
  constructor(text: string) {
    for (let i = 0; i < text.length; i += CHUNK) this.chunks.push(text.slice(i, i + CHUNK));
    if (this.chunks.length === 0) this.chunks.push('');
    this.restart(0);
    this.original = this.joined = text;
  }
  /** Offsets of the chunks from index `k` on, after chunks changed there. */
  private restart(k: number): void {
    this.starts.length = k;
    let at = k > 0 ? this.starts[k - 1]! + this.chunks[k - 1]!.length : 0;
    for (let i = k; i < this.chunks.length; i++) {
      this.starts.push(at);
      at += this.chunks[i]!.length;
    }
    this.length = at;
  }
  /** The chunk holding `offset` (the last one for the end of the text). */
  private chunkAt(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  replace(start: number, end: number, inserted: string): void {
    const a = this.chunkAt(start);
    const b = this.chunkAt(end);
    const piece = flat(
      this.chunks[a]!.slice(0, start - this.starts[a]!) +
        inserted +
        this.chunks[b]!.slice(end - this.starts[b]!),
    );
    const pieces: string[] = [];
    if (piece.length <= 2 * CHUNK) pieces.push(piece);
    else for (let i = 0; i < piece.length; i += CHUNK) pieces.push(piece.slice(i, i + CHUNK));
    this.chunks.splice(a, b - a + 1, ...pieces);
    if (this.chunks.length === 0) this.chunks.push('');
    this.restart(a);
    this.original = this.joined = undefined;
  }
  /** `text.slice(from, to)`, read from the chunks it spans. */
  readonly read: TextReader = (from, to) => {
    const end = Math.min(Math.max(to, from), this.length);
    if (this.original !== undefined) return this.original.slice(from, end);
    let k = this.chunkAt(from);
    let out = '';
    for (let at = from; at < end; k++) {
      const s = this.starts[k]!;
      const c = this.chunks[k]!;
      out += c.slice(at - s, Math.min(c.length, end - s));
      at = s + c.length;
    }
    return out;
  };
  /** The whole text: a concatenation of the chunks (V8 copies it into one string when it is first read). */
  toString(): string {
    return (this.joined ??= this.chunks.reduce((all, c) => all + c, ''));
  }
}

export class OpenDocument {
  /**
   * What changed since `takeEdit()` was last called: one merged edit, or 'full' when the client sent
   * the whole text (the changed part is then found by comparing texts).
   */
  private pending: DocumentEdit | 'full' | undefined;
  private content: ChunkedText;
  lines: LineIndex;
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
  ) {
    this.content = new ChunkedText(text);
    this.lines = new LineIndex(text);
  }
  get text(): string {
    return this.lines.text;
  }
  /** Reads part of the current text without making V8 copy all of it. */
  get read(): TextReader {
    return this.content.read;
  }
  /** Applies didChange's changes in order (each one's range is in the text the previous ones left). */
  apply(changes: readonly ContentChange[], version: number): void {
    for (const c of changes) {
      if (c.range) {
        const a = this.lines.offset(c.range.start);
        const b = this.lines.offset(c.range.end);
        const start = Math.min(a, b);
        const end = Math.max(a, b);
        this.content.replace(start, end, c.text);
        this.lines = this.lines.edited(this.content.toString(), start, end, start + c.text.length, c.text);
        if (this.pending !== 'full') this.pending = mergeEdits(this.pending, start, end, c.text.length);
      } else {
        this.content = new ChunkedText(c.text);
        this.lines = new LineIndex(c.text);
        this.pending = 'full';
      }
    }
    this.version = version;
  }
  /** The edit since the last call (and forgets it). */
  takeEdit(): DocumentEdit | 'full' | undefined {
    const e = this.pending;
    this.pending = undefined;
    return e;
  }
}
