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
  private readonly starts: number[];
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    this.starts = starts ?? [0];
    if (!starts) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  /**
   * The index of `text`, which is this index's text with `[start, oldEnd)` replaced by what is now
   * `[start, newEnd)`: only the edit is scanned, the lines after it are moved (no pass over the text).
   */
  edited(text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
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
    const starts = old.slice(0, keep);
    for (let i = start; i < newEnd; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    const delta = newEnd - oldEnd;
    for (let k = moved; k < old.length; k++) starts.push(old[k]! + delta);
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
