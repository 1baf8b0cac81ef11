// DPoP (RFC 9449) proofs. Okta advises a DPoP key separate from the client-authentication key, so each
// client makes its own ephemeral P-256 key pair and signs one proof per request: htm, htu (without query
// or fragment), iat, a unique jti, the server's nonce when it asked for one, and ath for resource calls.

import { createHash, randomUUID, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose/jwt/sign';

export class DpopProver {
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  }

  /** The `htu` value: scheme, host and path only. */
  static htu(url: URL): string {
    return `${url.origin}${url.pathname}`;
  }

  static ath(accessToken: string): string {
    return createHash('sha256').update(accessToken).digest('base64url');
  }

  async proof(opts: { method: string; url: URL; nonce?: string; accessToken?: string }): Promise<string> {
    const payload: Record<string, unknown> = {
      htm: opts.method.toUpperCase(),
      htu: DpopProver.htu(opts.url),
    };
    if (opts.nonce) payload.nonce = opts.nonce;
    if (opts.accessToken) payload.ath = DpopProver.ath(opts.accessToken);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: this.publicJwk })
      .setIssuedAt()
      .setJti(randomUUID())
      .sign(this.privateKey);
  }
}
