// Signing keys of the org's authorization servers (each custom server and the org server): real
// RS256 key pairs, derived from the seed so the same org always publishes the same JWKS, and the
// ACTIVE / NEXT / EXPIRED life cycle of Okta's keyRotate (spec rotateAuthorizationServerKeys: "the
// ACTIVE Key becomes the EXPIRED Key, the NEXT Key becomes the ACTIVE Key"; a new NEXT is generated and
// the old EXPIRED one is no longer listed). /oauth2/{id}/v1/keys and the Management API's
// credentials/keys both read from here, so they always agree.
import { checkPrimeSync, createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { Rng } from '../rng';

export interface PublicRsaJwk {
  kty: 'RSA';
  alg: 'RS256';
  use: 'sig';
  kid: string;
  e: string;
  n: string;
}

export type KeyStatus = 'ACTIVE' | 'NEXT' | 'EXPIRED';

interface KeyPair {
  privateKey: KeyObject;
  n: string;
  e: string;
}

// Deriving a 2048-bit key costs ~0.1 s; many emulators in one test process share the same seeds.
const derived = new Map<string, KeyPair>();

const SMALL_PRIMES: bigint[] = [];
for (let i = 3; SMALL_PRIMES.length < 300; i += 2) {
  if (SMALL_PRIMES.every((p) => BigInt(i) % p !== 0n)) SMALL_PRIMES.push(BigInt(i));
}

/** A deterministic byte stream (SHA-256 in counter mode) from a text seed. */
function byteStream(seed: string): (n: number) => Buffer {
  let counter = 0;
  return (n) => {
    const parts: Buffer[] = [];
    let len = 0;
    while (len < n) {
      const h = createHash('sha256').update(`${seed}\u0000${counter++}`).digest();
      parts.push(h);
      len += h.length;
    }
    return Buffer.concat(parts).subarray(0, n);
  };
}

const E = 65537n;

/** A 1024-bit prime p with gcd(p - 1, e) = 1; the top two bits set so p·q has exactly 2048 bits. */
function prime(bytes: (n: number) => Buffer): bigint {
  for (;;) {
    const b = bytes(128);
    b[0] |= 0xc0;
    b[b.length - 1] |= 1;
    let c = BigInt(`0x${b.toString('hex')}`);
    for (let step = 0; step < 4000; step++, c += 2n) {
      if (SMALL_PRIMES.some((p) => c % p === 0n)) continue;
      if ((c - 1n) % E === 0n) continue;
      if (checkPrimeSync(c, { checks: 24 })) return c;
    }
  }
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

function b64(x: bigint): string {
  let hex = x.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex').toString('base64url');
}

/** The RSA key pair for a seed text: the same text always gives the same key. */
export function deriveRsaKey(seed: string): KeyPair {
  const hit = derived.get(seed);
  if (hit) return hit;
  const bytes = byteStream(`rsa-2048\u0000${seed}`);
  let p = prime(bytes);
  let q = prime(bytes);
  if (p === q) q = prime(bytes);
  if (p < q) [p, q] = [q, p];
  const n = p * q;
  const d = modInverse(E, (p - 1n) * (q - 1n));
  const jwk = {
    kty: 'RSA',
    n: b64(n),
    e: b64(E),
    d: b64(d),
    p: b64(p),
    q: b64(q),
    dp: b64(d % (p - 1n)),
    dq: b64(d % (q - 1n)),
    qi: b64(modInverse(q, p)),
  };
  const pair = { privateKey: createPrivateKey({ key: jwk, format: 'jwk' }), n: jwk.n, e: jwk.e };
  derived.set(seed, pair);
  return pair;
}

/**
 * One authorization server's keys, by generation: generation g is the g-th key the server ever had.
 * Initially generation 0 is EXPIRED, 1 ACTIVE and 2 NEXT (as the Management API lists them); each
 * rotation moves the window up by one. Key material is derived only when a key is first used.
 */
export class KeyRing {
  private active = 1;
  private readonly kids: string[];

  /**
   * @param seedKey what the keys derive from (seed and server); `kids` the first three generations'
   * ids (generation 1's is the server's `credentials.signing.kid`).
   */
  constructor(
    private readonly seedKey: string,
    kids: [expired: string, active: string, next: string],
    private readonly rng: Rng,
  ) {
    this.kids = [...kids];
  }

  private kidOf(gen: number): string {
    while (this.kids.length <= gen) this.kids.push(this.rng.oktaId('kid').slice(3));
    return this.kids[gen];
  }

  get activeKid(): string {
    return this.kidOf(this.active);
  }

  /** Keys as listed: EXPIRED, ACTIVE, NEXT (order says nothing about which one signs, as in Okta). */
  listed(): Array<{ status: KeyStatus; jwk: PublicRsaJwk }> {
    const out: Array<{ status: KeyStatus; jwk: PublicRsaJwk }> = [];
    const gens: Array<[KeyStatus, number]> = [
      ['ACTIVE', this.active],
      ['NEXT', this.active + 1],
      ['EXPIRED', this.active - 1],
    ];
    for (const [status, gen] of gens) out.push({ status, jwk: this.publicJwk(gen) });
    return out;
  }

  private publicJwk(gen: number): PublicRsaJwk {
    const pair = deriveRsaKey(`${this.seedKey}\u0000${gen}`);
    return { kty: 'RSA', alg: 'RS256', use: 'sig', kid: this.kidOf(gen), e: pair.e, n: pair.n };
  }

  /** The private key of a listed status (or of a generation no longer listed: `dropped`, for tests). */
  signingKey(which: KeyStatus | 'dropped' = 'ACTIVE'): { kid: string; key: KeyObject } {
    const gen =
      which === 'ACTIVE'
        ? this.active
        : which === 'NEXT'
          ? this.active + 1
          : which === 'EXPIRED'
            ? this.active - 1
            : this.active - 2;
    if (gen < 0) throw new Error('No key has been dropped yet: rotate the keys twice first.');
    return { kid: this.kidOf(gen), key: deriveRsaKey(`${this.seedKey}\u0000${gen}`).privateKey };
  }

  /** keyRotate: NEXT becomes ACTIVE, ACTIVE becomes EXPIRED, a new NEXT; returns the new active kid. */
  rotate(): string {
    this.active++;
    return this.activeKid;
  }
}
