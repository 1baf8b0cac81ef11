// SQL LIKE without a RegExp of user text: SQLite's meaning (% any run, _ one character, case-insensitive),
// work that grows linearly with the text whatever the pattern (counted in steps, not timed), and proof
// that neither SHOW … LIKE nor WHERE … LIKE builds a RegExp from the pattern.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../../src/query/analyzer';
import { likeMatcher, type LikeMeter } from '../../../src/query/like';
import { matches } from '../../../src/query/rowFilter';

const like = (pattern: string, text: string) => likeMatcher(pattern)(text);

function steps(pattern: string, text: string): { hit: boolean; steps: number } {
  const meter: LikeMeter = { steps: 0 };
  const hit = likeMatcher(pattern)(text, meter);
  return { hit, steps: meter.steps };
}

describe('LIKE', () => {
  it('means what SQLite’s LIKE means', () => {
    const yes: [string, string][] = [
      ['abc', 'abc'],
      ['ABC', 'abc'],
      ['a%', 'a'],
      ['a%', 'abc'],
      ['%c', 'abc'],
      ['%b%', 'abc'],
      ['a_c', 'abc'],
      ['___', 'abc'],
      ['%', ''],
      ['%%', 'x'],
      ['', ''],
      ['%list%tokens%', 'list_refresh_tokens_for_authorization_server_and_client'],
      ['%_%_%', 'ab'],
      ['a.c', 'a.c'],
      ['(x)*+?[y]^$\\|{1}', '(X)*+?[Y]^$\\|{1}'],
      ['_', '😀'],
      ['%é%', 'CAFÉ'],
      ['%aab', 'aaab'],
    ];
    const no: [string, string][] = [
      ['abc', 'abcd'],
      ['a_c', 'ac'],
      ['a.c', 'abc'],
      ['', 'x'],
      ['%_%_%', 'a'],
      ['___', 'ab'],
      ['_', '😀😀'],
      ['%b%', 'ac'],
      ['a%a', 'a'],
      ['%aab', 'aaba'],
    ];
    for (const [p, t] of yes) assert.equal(like(p, t), true, `'${t}' LIKE '${p}'`);
    for (const [p, t] of no) assert.equal(like(p, t), false, `'${t}' NOT LIKE '${p}'`);
  });

  it('adversarial patterns cost steps linear in the text, not exponential or quadratic', () => {
    const patterns = [
      '%_%_%_%_%_%_%_%_%_%_%#',
      '%_'.repeat(60) + '#',
      '%a'.repeat(60) + 'b',
      '%' + 'a'.repeat(31) + 'b%',
      '_%'.repeat(60) + '#',
      'a%a%a%a%a%a%a%a%a%a%a%a%b',
    ];
    for (const p of patterns) {
      let prev: number | undefined;
      for (const n of [1_000, 2_000, 4_000, 8_000]) {
        const text = 'a'.repeat(n);
        const r = steps(p, text);
        assert.equal(r.hit, false, p);
        // Every segment between %s is at most 32 characters here: one word per text character per search,
        // and the searches move forward only, so the text is read a bounded number of times.
        assert.ok(r.steps <= 4 * (n + p.length), `${p} on ${n} chars: ${r.steps} steps`);
        if (prev !== undefined) assert.ok(r.steps <= 2 * prev + 4 * p.length, `${p}: ${prev} → ${r.steps}`);
        prev = r.steps;
      }
    }
    // A long segment costs one word per 32 of its characters, still once per text character.
    const long = '%' + 'a'.repeat(200) + 'b%';
    const r = steps(long, 'a'.repeat(10_000));
    assert.equal(r.hit, false);
    assert.ok(r.steps <= 10_000 * Math.ceil(202 / 32) + 2 * 10_000 + 4 * long.length, String(r.steps));
  });

  it('SHOW … LIKE and WHERE … LIKE never build a RegExp from the pattern', () => {
    const built: string[] = [];
    const Real = RegExp;
    globalThis.RegExp = new Proxy(Real, {
      construct(target, args: [string | RegExp, string?]) {
        built.push(String(args[0]));
        return Reflect.construct(target, args) as object;
      },
      apply(target, self, args: [string | RegExp, string?]) {
        built.push(String(args[0]));
        return Reflect.apply(target, self, args) as RegExp;
      },
    });
    try {
      const doc = analyzeDocument(
        "SHOW METHODS IN okta.authorizationservers.refresh_tokens LIKE '%zq_marker%'; SHOW METHODS IN okta.authorizationservers.refresh_tokens LIKE 'list%';",
      );
      const [none, lists] = doc.statements.map((s) => s.plan);
      assert.ok(none?.kind === 'meta' && none.rows.length === 0);
      assert.ok(lists?.kind === 'meta' && lists.rows.length > 0);
      const where = analyzeDocument(
        "SELECT id FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'a' AND authServerId = 'b' AND clientId = 'c' AND issuer LIKE '%zq_marker%';",
      ).statements[0]!.plan!;
      assert.ok(where.kind === 'select');
      assert.equal(matches({ issuer: 'https://x/zq-marker/y' }, where.filters[0]), true);
      assert.equal(matches({ issuer: 'https://x/zq/y' }, where.filters[0]), false);
    } finally {
      globalThis.RegExp = Real;
    }
    assert.deepEqual(
      built.filter((s) => s.includes('zq') || s.includes('list')),
      [],
    );
  });
});
