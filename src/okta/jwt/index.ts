// Reading and verifying JWTs (see decode.ts, verifier.ts): no vscode, usable by the CLI and the extension.
export { decodeJwt, base64UrlDecode, jwtAt, oktaIdAt, oktaIdKind, numericDate } from './decode';
export type { DecodedJwt, DecodeResult, Found, OktaIdKind } from './decode';
export { JwtVerifier, issuerOf } from './verifier';
export type { Issuer, Verdict, VerdictKind, JwtVerifierOptions } from './verifier';
export { publicJsonFetcher } from './fetch';
export { checkSignature, SUPPORTED_ALGS } from './signature';
