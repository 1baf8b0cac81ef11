// The logging seam of the client: plain functions taking a message, so the extension can hand in its
// LogOutputChannel and the CLI a stderr writer. Every message goes through the redactor first.

export interface OktaLogger {
  trace?(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: OktaLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/**
 * The one redaction every log line and error text goes through (the Redactor below and OktaError's
 * constructor): each given secret of 8 characters or more, then anything shaped like a credential —
 * an Authorization value, a JWT (client assertions, access tokens), a PEM private key, or a credential
 * parameter quoted back as form or JSON (`client_assertion=…`), as some proxies and IdPs echo requests.
 * Shorter secrets are ignored so redaction can never blank common words.
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8 && out.includes(s)) out = out.split(s).join('[redacted]');
  out = out.replace(/\b(SSWS|Bearer|DPoP)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [redacted]');
  out = out.replace(/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]');
  out = out.replace(
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    '[redacted-key]',
  );
  out = out.replace(
    /\b(client_assertion|client_secret|assertion|access_token|refresh_token|id_token)(=|"\s*:\s*")[^&\s"]+/gi,
    '$1$2[redacted]',
  );
  return out;
}

/**
 * Replaces every registered secret (API token, access token, key material, assertions) in a string.
 * Registered values shorter than 8 characters are ignored so a redactor can never blank common words.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  redact(text: string): string {
    return redactText(text, this.secrets);
  }

  wrap(logger: OktaLogger): OktaLogger {
    const r = (fn?: (m: string) => void) => (fn ? (m: string) => fn.call(logger, this.redact(m)) : undefined);
    return {
      trace: r(logger.trace),
      debug: r(logger.debug)!,
      info: r(logger.info)!,
      warn: r(logger.warn)!,
      error: r(logger.error)!,
    };
  }
}
