// What a person types reaches the engine on every keystroke (language server) and on every run (CLI,
// extension host), so it must never meet a RegExp that backtracks: `{{` followed by a long run of
// spaces, a `-- connection:` line or a `/*+ … */` hint with one, each made a RegExp with `\s*…\s*` work
// quadratically (tens of seconds for a long line). Time is not measured: every RegExp run over a long
// piece of the statement is recorded, and only patterns that cannot backtrack may appear; the lexer's
// reading of a file of unclosed `{{` is counted in characters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../../src/query/analyzer';
import { applyEdits, formatDocument } from '../../../src/query/format';
import { lex } from '../../../src/query/lexer';
import { countScanned } from './helpers';

/** Patterns that read each character once: a literal, one character class repeated, or fixed alternatives. */
const LINEAR = new Set(['[\\s,]+', '\\{\\{', '(\\r\\n|[\\n\\r\\u2028\\u2029])']);

function regexpsOverLongText(fn: () => void): string[] {
  const seen = new Set<string>();
  const real = RegExp.prototype.exec;
  // String.prototype.replace / match / split and RegExp.prototype.test all run through exec.
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    if (typeof s === 'string' && s.length > 1000) seen.add(this.source);
    return real.call(this, s);
  };
  try {
    fn();
  } finally {
    RegExp.prototype.exec = real;
  }
  return [...seen];
}

test('long runs of spaces in placeholders, -- connection: lines and hints meet no backtracking RegExp', () => {
  const sp = ' '.repeat(20_000);
  const text =
    `-- connection:${sp}acme${sp}\n` +
    `SELECT /*+ FANOUT${sp}x */ id FROM okta.authorizationservers.refresh_tokens ` +
    `WHERE subdomain = 'acme' AND authServerId = '{{${sp}x' AND clientId = '{{ c${sp}}}' AND issuer LIKE '%{{${sp}%';`;
  let doc = analyzeDocument(text);
  const used = regexpsOverLongText(() => {
    doc = analyzeDocument(text, { vars: { x: 'y', c: '0oa1' } });
    applyEdits(text, formatDocument(doc));
  });
  assert.deepEqual(
    used.filter((s) => !LINEAR.has(s)),
    [],
  );
  // And what they mean is unchanged: the connection is named, the hint read, the placeholder filled.
  const st = doc.statements[0]!;
  assert.equal(st.connection, 'acme');
  assert.ok(st.plan?.kind === 'select');
  assert.deepEqual(st.plan.fanout, []);
  assert.equal(st.plan.params.clientId, '0oa1');
  assert.equal(st.plan.params.authServerId, `{{${sp}x`);
});

test('a file of lines with an unclosed {{ is read once, not searched to its end for every line', () => {
  const text = `SELECT id FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme'\n${'  AND x = {{ x\n'.repeat(20_000)};`;
  const { value: tokens, scanned } = countScanned(() => lex(text));
  assert.equal(tokens.filter((t) => t.kind === 'placeholder' && t.unterminated).length, 20_000);
  assert.ok(scanned <= 2 * text.length, `scanned ${scanned} characters of a ${text.length}-character text`);
});
