// Hover over an id in a .iql file shows the name the tree loaded for it — a string from the Okta API.
// Over the real LSP protocol, an org whose names carry Markdown (an image that would load from any
// host, a look-alike link, HTML, a heading) gets a hover that a CommonMark renderer shows as plain text:
// no image, no link, no tag, the name's characters exactly.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import type { Hover } from 'vscode-languageserver-protocol';
import { startServer } from '../../src/server/startServer';
import { connectClient, HOSTILE_IDS, type TestClient } from './client';

// A CommonMark renderer (markdown-it, installed with @vscode/vsce) stands in for VS Code's hover widget.
const MarkdownIt = createRequire(__filename)('markdown-it') as new (opts?: {
  linkify?: boolean;
  html?: boolean;
}) => { render(src: string): string };
// The most permissive settings: raw HTML allowed and bare URLs auto-linked. Escaping must hold anyway.
const md = new MarkdownIt({ html: true, linkify: true });

let client: TestClient;

before(async () => {
  const up = new PassThrough();
  const down = new PassThrough();
  startServer(createConnection(up, down), { diagnosticsDelayMs: 10 });
  client = await connectClient(down, up);
});

function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

test('hover shows API names with Markdown in them as inert text: no image, no link, no HTML', async () => {
  const uri = 'file:///hostile.iql';
  const server = HOSTILE_IDS.authServerId![0]!;
  const app = HOSTILE_IDS.clientId![0]!;
  const token = HOSTILE_IDS.tokenId![0]!;
  const text =
    '-- connection: Hostile org\n' +
    `DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = '${server.id}' AND clientId = '${app.id}' AND tokenId = '${token.id}';`;
  client.open(uri, text);
  const line = text.split('\n')[1]!;
  for (const { id, label } of [server, app, token]) {
    const hover: Hover | null = await client.conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: line.indexOf(`'${id}'`) + 3 },
    });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.ok(value.includes('as loaded in the Okta Tokens view'), value);
    const html = md.render(value);
    assert.doesNotMatch(html, /<img|<a |<h1|<script/i, html);
    // The name reads exactly as the API sent it (line breaks folded into one line).
    assert.ok(visibleText(html).includes(label.replace(/\n/g, ' ')), `${html}\n${label}`);
  }
});

test('an id written with backticks stays one code span in the hover', async () => {
  const uri = 'file:///backticks.iql';
  const text =
    "SELECT * FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'a`b``c' AND clientId = 'x';";
  client.open(uri, text);
  const hover: Hover | null = await client.conn.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: text.indexOf('a`b') + 1 },
  });
  const html = md.render((hover?.contents as { value: string }).value);
  assert.match(html, /<code>a`b``c<\/code>/, html);
});
