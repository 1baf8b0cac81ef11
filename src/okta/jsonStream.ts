// Reads a JSON body as it streams in. A list page (a JSON array) is cut into its elements at the byte
// level and each element is parsed on its own as soon as its last byte arrives, so a page is never held
// as one string next to its parsed objects. A page of 200 tokens is ~150 KB of text: as one string it
// lands in V8's large-object space, which only a full collection frees, and a crawl of 100,000 tokens
// left hundreds of them behind between collections. Element-sized strings die young instead.
// Anything that is not an array is collected and parsed whole, as JSON.parse would.

export type ParsedJson = { ok: true; value: unknown } | { ok: false };

const BOM = [0xef, 0xbb, 0xbf];
const WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;

const enum State {
  /** Before the first byte that is not whitespace. */
  Start,
  /** After `[` or `,`: an element or (only after `[`) `]` comes next. */
  BeforeItem,
  InItem,
  /** After an element: `,` or `]`. */
  AfterItem,
  /** After the closing `]`: only whitespace may follow. */
  Done,
  /** Not an array: every byte is kept and parsed whole at the end. */
  Whole,
  Bad,
}

export class JsonStreamParser {
  private state = State.Start;
  private readonly items: unknown[] = [];
  /** Bytes of the element being read that arrived in earlier chunks (or the whole body in Whole mode). */
  private partial: Buffer[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The current element is an object or array (ends at its closing bracket), not a bare value. */
  private container = false;
  private afterComma = false;
  /** Bytes received, to tell an empty body from an unreadable one. */
  bytes = 0;

  push(chunk: Buffer): void {
    const before = this.bytes;
    this.bytes += chunk.length;
    if (this.state === State.Whole) {
      this.partial.push(chunk);
      return;
    }
    if (this.state === State.Bad) return;
    let start = this.state === State.InItem ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      switch (this.state) {
        case State.Start:
          // undici's text() drops a UTF-8 byte order mark; so does this.
          if (WS[c] || (before + i < 3 && c === BOM[before + i])) continue;
          if (c !== 0x5b /* [ */) {
            this.state = State.Whole;
            this.partial.push(chunk);
            return;
          }
          this.state = State.BeforeItem;
          continue;
        case State.BeforeItem:
          if (WS[c]) continue;
          if (c === 0x5d /* ] */ && !this.afterComma) {
            this.state = State.Done;
            continue;
          }
          if (c === 0x2c /* , */ || c === 0x5d) return this.fail();
          this.state = State.InItem;
          this.container = c === 0x7b /* { */ || c === 0x5b;
          this.depth = 0;
          this.inString = false;
          this.escaped = false;
          start = i;
          i--; // read the first byte as part of the element
          continue;
        case State.InItem: {
          if (this.inString) {
            // Most of a page is inside strings: jump to the next quote natively and count the
            // backslashes before it (an odd run escapes it), carrying an odd run across chunks.
            let q = i;
            for (;;) {
              q = chunk.indexOf(0x22 /* " */, q);
              if (q < 0) break;
              let k = q - 1;
              while (k >= i && chunk[k] === 0x5c /* \ */) k--;
              const run = q - 1 - k + (k < i && this.escaped ? 1 : 0);
              if (run % 2 === 0) break;
              q++;
            }
            if (q < 0) {
              let k = chunk.length - 1;
              while (k >= i && chunk[k] === 0x5c) k--;
              this.escaped = (chunk.length - 1 - k + (k < i && this.escaped ? 1 : 0)) % 2 === 1;
              i = chunk.length;
              break;
            }
            this.inString = false;
            this.escaped = false;
            i = q;
            continue;
          }
          if (c === 0x22) {
            this.inString = true;
            continue;
          }
          if (c === 0x7b || c === 0x5b) {
            this.depth++;
            continue;
          }
          if (c === 0x7d /* } */ || c === 0x5d) {
            if (this.depth > 0) {
              this.depth--;
              if (this.depth === 0 && this.container) {
                if (!this.finishItem(chunk, start, i + 1)) return;
                this.state = State.AfterItem;
              }
              continue;
            }
            // A `]` after a bare value closes the array.
            if (c === 0x7d || this.container) return this.fail();
            if (!this.finishItem(chunk, start, i)) return;
            this.state = State.Done;
            continue;
          }
          if (this.depth === 0 && !this.container && (c === 0x2c || WS[c])) {
            if (!this.finishItem(chunk, start, i)) return;
            this.state = State.AfterItem;
            i--; // the separator is read as what follows the element
          }
          continue;
        }
        case State.AfterItem:
          if (WS[c]) continue;
          if (c === 0x2c) {
            this.state = State.BeforeItem;
            this.afterComma = true;
            continue;
          }
          if (c === 0x5d) {
            this.state = State.Done;
            continue;
          }
          return this.fail();
        case State.Done:
          if (WS[c]) continue;
          return this.fail();
      }
    }
    if (this.state === State.InItem) this.partial.push(start >= 0 ? chunk.subarray(start) : chunk);
  }

  /** The parsed body once every chunk is in: undefined for an empty body, as JSON.parse cannot tell. */
  end(): ParsedJson {
    switch (this.state) {
      case State.Done:
        return { ok: true, value: this.items };
      case State.Whole:
        try {
          const text = Buffer.concat(this.partial).toString('utf8');
          return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
        } catch {
          return { ok: false };
        } finally {
          this.partial = [];
        }
      case State.Start:
        return this.bytes === 0 ? { ok: true, value: undefined } : { ok: false };
      default:
        return { ok: false };
    }
  }

  private finishItem(chunk: Buffer, start: number, end: number): boolean {
    const tail = chunk.subarray(Math.max(0, start), end);
    const bytes = this.partial.length ? Buffer.concat([...this.partial, tail]) : tail;
    this.partial = [];
    this.afterComma = false;
    try {
      this.items.push(JSON.parse(bytes.toString('utf8')));
      return true;
    } catch {
      this.fail();
      return false;
    }
  }

  private fail(): void {
    this.state = State.Bad;
    this.partial = [];
    this.items.length = 0;
  }
}
