// Helpers for journeys that read the extension's detail panels: the page of the panel on screen, its
// editor tab, a field's value, and a check that table text wraps only between words.
import type { FrameLocator, Locator } from 'playwright-core';
import type { Workbench } from './workbench';

/** The page of the webview panel on screen (a hidden panel's frame is gone or invisible). */
export const shownPanel = (wb: Workbench): FrameLocator =>
  wb.page.frameLocator('iframe.webview.ready >> visible=true').last().frameLocator('#active-frame');

/** An editor tab by its title. */
export const editorTab = (wb: Workbench, title: string | RegExp): Locator =>
  wb.page.locator('.tabs-container .tab').filter({ hasText: title }).first();

/** Waits until the panel on screen shows a heading matching `h1` (its content came, not "Loading…"). */
export async function panelShows(wb: Workbench, h1: RegExp, what: string): Promise<void> {
  try {
    await shownPanel(wb).locator('h1').filter({ hasText: h1 }).waitFor({ timeout: 30_000 });
  } catch (e) {
    const text = await shownPanel(wb)
      .locator('body')
      .innerText({ timeout: 2_000 })
      .catch(() => '(no page)');
    throw new Error(`${what}: the panel shows ${JSON.stringify(text.slice(0, 200))}`, { cause: e });
  }
}

/** A field's value as shown (without its note in brackets), by the field's label. */
export async function fieldValue(panel: FrameLocator, label: string): Promise<string> {
  const dd = panel
    .locator('dt', { hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');
  return dd.evaluate((e) => (e.firstChild?.textContent ?? '').trim());
}

/** A field's note (e.g. "just now"), without the brackets; '' when it has none. */
export async function fieldNote(panel: FrameLocator, label: string): Promise<string> {
  const dd = panel
    .locator('dt', { hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');
  return dd.evaluate((e) => (e.querySelector('.note')?.textContent ?? '').replace(/^\(|\)$/g, ''));
}

/**
 * Words of table cells (ids excepted, which may break when they do not fit) that are split over two
 * lines, like "offline_acce ss"; [] when every word sits on one line.
 */
export async function wordsBrokenInTables(panel: FrameLocator): Promise<string[]> {
  return panel.locator('body').evaluate((body) => {
    const broken: string[] = [];
    for (const td of Array.from(body.querySelectorAll('td:not(.id)'))) {
      for (const node of Array.from(td.childNodes)) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const text = node.textContent ?? '';
        // Runs of letters, digits and underscores: no line may break inside one ("offline_access"),
        // whereas a hyphen or a bracket is a place a line may end.
        for (const m of text.matchAll(/\w+/g)) {
          const r = document.createRange();
          r.setStart(node, m.index ?? 0);
          r.setEnd(node, (m.index ?? 0) + m[0].length);
          const lines = new Set(
            Array.from(r.getClientRects())
              .filter((x) => x.width > 0)
              .map((x) => Math.round(x.top)),
          );
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  });
}

/** Background colour and border colour of a button, as the page computes them. */
export async function buttonLook(button: Locator): Promise<{ background: string; border: string }> {
  return button.evaluate((b) => {
    const s = getComputedStyle(b);
    return { background: s.backgroundColor, border: s.borderTopColor };
  });
}

/**
 * Opens the Okta Tokens view and expands each row of `path`, moving the mouse off the tree and waiting
 * for the row's hover to go before the next click: a tooltip left open over the next row takes the click.
 */
export async function openTreePathClear(wb: Workbench, path: string[]): Promise<void> {
  await wb.openView('Okta Tokens');
  for (const [i, label] of path.entries()) {
    await clearHover(wb);
    await wb.expand(label, i === 0 ? 60_000 : 30_000);
  }
  await clearHover(wb);
}

/** Moves the mouse off the side bar and waits (briefly) for an open hover to close. */
const clearHover = (wb: Workbench): Promise<void> => wb.clearHover();

/** Chooses a context-menu entry of the tree row labelled `label`, with no hover in the way. */
export async function rowMenu(wb: Workbench, label: string, item: string): Promise<void> {
  await clearHover(wb);
  await wb.contextMenu(wb.treeItem(label), item);
  await clearHover(wb);
}
