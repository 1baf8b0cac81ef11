// Seeded randomness for the emulator's data generator. Every entity derives its own stream from
// (seed, entity key), so generating one client's tokens lazily gives the same bytes no matter in
// which order the org is explored.

/** 32-bit string hash (cyrb-style mixing); stable across platforms and Node versions. */
export function hash32(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A small, fast PRNG (mulberry32) with the helpers the generator needs. */
export class Rng {
  private state: number;

  constructor(seed: number | string, ...parts: Array<string | number>) {
    this.state = hash32([String(seed), ...parts.map(String)].join('\u0000'));
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Okta-looking object id: 3-char prefix + 14 random chars + a fixed 3-char cell suffix = 20 chars. */
  oktaId(prefix: string): string {
    let s = prefix;
    for (let i = 0; i < 14; i++) s += ID_ALPHABET[Math.floor(this.next() * ID_ALPHABET.length)];
    return s + '0h7';
  }

  /** k distinct items of `items` (k clamped), in their original order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const idx = items.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx
      .slice(0, Math.max(0, Math.min(k, items.length)))
      .sort((a, b) => a - b)
      .map((i) => items[i]);
  }
}
