// Offset ↔ line/character conversion. The engine works in document offsets; editors (LSP) and the CLI
// (file:line:col) want lines and columns, both 0-based here, in UTF-16 code units like LSP.

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  // Line start offsets in a typed array: an edit copies the lines before it and moves the ones after it
  // with block copies and one addition each, which keeps a 50,000-line document's edits cheap.
  private readonly starts: Int32Array;
  constructor(
    readonly text: string,
    starts?: Int32Array,
  ) {
    if (starts) this.starts = starts;
    else {
      let n = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
      this.starts = new Int32Array(n);
      let k = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts[k++] = i + 1;
    }
  }
  /**
   * The index of `text`, which is this index's text with `[start, oldEnd)` replaced by what is now
   * `[start, newEnd)`: only the edit is scanned, the lines after it are moved (no pass over the text).
   * `inserted`, the new text of the edit, is scanned instead of `text` when given (so a text built by
   * concatenation is not flattened just to find its new lines).
   */
  edited(text: string, start: number, oldEnd: number, newEnd: number, inserted?: string): LineIndex {
    const old = this.starts;
    // A line start s follows the '\n' at s - 1: kept when that is before the edit, moved when after it.
    const firstAfter = (offset: number) => {
      let lo = 0;
      let hi = old.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (old[mid]! > offset) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    const keep = firstAfter(start);
    const moved = firstAfter(oldEnd);
    const src = inserted ?? text;
    const from = inserted === undefined ? start : 0;
    const to = inserted === undefined ? newEnd : inserted.length;
    let added = 0;
    for (let i = src.indexOf('\n', from); i >= 0 && i < to; i = src.indexOf('\n', i + 1)) added++;
    const starts = new Int32Array(keep + added + old.length - moved);
    starts.set(old.subarray(0, keep));
    let k = keep;
    for (let i = src.indexOf('\n', from); i >= 0 && i < to; i = src.indexOf('\n', i + 1))
      starts[k++] = start + (i - from) + 1;
    const delta = newEnd - oldEnd;
    if (delta === 0) starts.set(old.subarray(moved), k);
    else for (let m = moved; m < old.length; m++) starts[k++] = old[m]! + delta;
    return new LineIndex(text, starts);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }
  offset(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[p.line]!;
    const lineEnd = p.line + 1 < this.starts.length ? this.starts[p.line + 1]! - 1 : this.text.length;
    return Math.min(lineStart + Math.max(0, p.character), lineEnd);
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
