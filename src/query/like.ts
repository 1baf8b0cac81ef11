// SQL LIKE without a regular expression: the pattern is user text, and a RegExp built from it (`%_%_%…`)
// backtracks exponentially, which froze the language server and the extension host. This matcher splits
// the pattern at `%` into segments of literal characters and `_`; the first segment must match at the
// start, the last at the end, and each one between is taken at its leftmost place after the previous one
// (leftmost is always safe: a later place only leaves less text for what follows). Each segment is found
// with a bit-parallel scan (Shift-And), so every text character is read once per segment search and the
// searches never go back: the work is (text length) × ⌈longest segment / 32⌉ + pattern length, whatever
// the number of `%` and `_`. Case-insensitive like SQLite's LIKE; `_` is one character (code point).

/** Counts the matcher's work (characters read × words updated), for tests that bound it. */
export interface LikeMeter {
  steps: number;
}

const ANY = -1;

/** One character, case-folded; a character whose lower case is several (İ) is kept as it is. */
function fold(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  const lower = String.fromCodePoint(cp).toLowerCase();
  const c = lower.codePointAt(0)!;
  return String.fromCodePoint(c) === lower ? c : cp;
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(fold(ch.codePointAt(0)!));
  return out;
}

/** A segment between `%`s, with its Shift-And masks (bit i of word i>>5 set where position i may match). */
class Segment {
  readonly words: number;
  private readonly anyMask: Uint32Array;
  private readonly masks = new Map<number, Uint32Array>();

  constructor(readonly chars: number[]) {
    this.words = Math.max(1, Math.ceil(chars.length / 32));
    this.anyMask = new Uint32Array(this.words);
    chars.forEach((c, i) => {
      if (c === ANY) this.anyMask[i >> 5]! |= 1 << (i & 31);
    });
    chars.forEach((c, i) => {
      if (c === ANY) return;
      let m = this.masks.get(c);
      if (!m) this.masks.set(c, (m = Uint32Array.from(this.anyMask)));
      m[i >> 5]! |= 1 << (i & 31);
    });
  }

  /** True when the segment matches text[at…at+length). */
  matchesAt(text: number[], at: number, meter?: LikeMeter): boolean {
    for (let i = 0; i < this.chars.length; i++) {
      if (meter) meter.steps++;
      const c = this.chars[i]!;
      if (c !== ANY && c !== text[at + i]) return false;
    }
    return true;
  }

  /** End of the leftmost match lying inside text[from…to), or -1. */
  find(text: number[], from: number, to: number, meter?: LikeMeter): number {
    const n = this.chars.length;
    if (n === 0) return from;
    const state = new Uint32Array(this.words);
    const last = n - 1;
    const lastWord = last >> 5;
    const lastBit = 1 << (last & 31);
    for (let j = from; j < to; j++) {
      const mask = this.masks.get(text[j]!) ?? this.anyMask;
      let carry = 1;
      for (let w = 0; w < this.words; w++) {
        const d = state[w]!;
        state[w] = ((d << 1) | carry) & mask[w]!;
        carry = d >>> 31;
      }
      if (meter) meter.steps += this.words;
      if (state[lastWord]! & lastBit) return j + 1;
    }
    return -1;
  }
}

/** Compiles a LIKE pattern (`%` any run of characters, `_` one character) into a matcher. */
export function likeMatcher(pattern: string): (text: string, meter?: LikeMeter) => boolean {
  const segs: number[][] = [[]];
  for (const c of codePoints(pattern)) {
    if (c === 0x25 /* % */) segs.push([]);
    else segs[segs.length - 1]!.push(c === 0x5f /* _ */ ? ANY : c);
  }
  const [head, ...rest] = segs.map((s) => new Segment(s));
  const tail = rest.pop();
  return (s, meter) => {
    const text = codePoints(s);
    if (meter) meter.steps += text.length;
    if (!tail) return text.length === head!.chars.length && head!.matchesAt(text, 0, meter);
    const end = text.length - tail.chars.length;
    if (end < head!.chars.length) return false;
    if (!head!.matchesAt(text, 0, meter) || !tail.matchesAt(text, end, meter)) return false;
    let at = head!.chars.length;
    for (const seg of rest) {
      at = seg.find(text, at, end, meter);
      if (at < 0) return false;
    }
    return true;
  };
}
