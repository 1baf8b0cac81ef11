// Helpers for Playwright journeys: drive the VS Code workbench the way a person does (activity bar,
// tree rows, command palette, context menus, modal dialogs, notifications, webviews) and save named
// screenshots. Selectors follow the workbench's accessibility roles where it has them.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export class Workbench {
  constructor(
    readonly page: Page,
    /** Folder for this journey's screenshots (artifacts/e2e/journeys/<journey>/). */
    readonly shotsDir: string,
  ) {}

  /** Waits until the workbench has rendered its activity bar (the extension host may still be starting). */
  async ready(timeoutMs = 60_000): Promise<void> {
    await this.page
      .locator('.monaco-workbench .part.activitybar')
      .waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Opens a view container from the activity bar by its title (e.g. "Okta Tokens"); no-op if already open. */
  async openView(title: string): Promise<void> {
    const tab = this.page.locator('.part.activitybar').getByRole('tab', { name: title });
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await this.page.locator('.part.sidebar').waitFor({ state: 'visible' });
  }

  /** A tree row whose text contains `label` (labels, not ids: what a person reads). */
  treeItem(label: string | RegExp): Locator {
    return this.page.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: label }).first();
  }

  /** Labels of every tree row currently rendered in the side bar. */
  async treeLabels(): Promise<string[]> {
    return this.page
      .locator('.part.sidebar .monaco-list-row[role="treeitem"] .label-name')
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  /** Waits until a row with `label` is visible, and returns it. */
  async waitForTreeItem(label: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
    const item = this.treeItem(label);
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    return item;
  }

  /**
   * Expands a collapsed tree row and waits until it reports expanded. The row is looked up afresh on
   * every try: the tree may re-render it (a refresh after the connection was saved, the welcome view
   * giving way to the tree), which detaches an element captured earlier and swallows a click sent to it.
   * A click is repeated only while the row is collapsed and not loading its children, so a slow first
   * page is waited for rather than toggled shut.
   */
  async expand(label: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
    const deadline = Date.now() + timeoutMs;
    const expanded = this.page
      .locator('.monaco-list-row[role="treeitem"][aria-expanded="true"]')
      .filter({ hasText: label })
      .first();
    for (;;) {
      const left = deadline - Date.now();
      const item = await this.waitForTreeItem(label, Math.max(left, 1));
      const state = await item.getAttribute('aria-expanded').catch(() => null);
      if (state === 'true') return item;
      const loading = await item
        .locator('.codicon-tree-item-loading')
        .count()
        .catch(() => 0);
      if (state === 'false' && loading === 0) {
        await this.clearHover();
        await item.click().catch(() => undefined);
        if ((await item.getAttribute('aria-expanded').catch(() => null)) === 'false')
          await item.press('ArrowRight').catch(() => undefined);
      }
      try {
        await expanded.waitFor({
          state: 'visible',
          timeout: Math.max(1, Math.min(5_000, deadline - Date.now())),
        });
        return expanded;
      } catch (e) {
        if (Date.now() >= deadline) {
          const rows = await this.treeRows().catch(() => []);
          throw new Error(
            `tree row ${String(label)} did not expand within ${timeoutMs / 1000}s; rows: ${JSON.stringify(rows)}`,
            { cause: e },
          );
        }
      }
    }
  }

  /**
   * Moves the mouse off the side bar and waits (briefly) for an open hover to close: the tooltip of the
   * row clicked last can sit over the next row and take the click meant for it.
   */
  async clearHover(): Promise<void> {
    const size = this.page.viewportSize();
    if (size) await this.page.mouse.move(size.width - 20, size.height - 60);
    await this.page
      .locator('.workbench-hover-container .monaco-hover')
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
  }

  /** Every rendered side-bar tree row as "label [expanded|collapsed]", for failure messages. */
  async treeRows(): Promise<string[]> {
    return this.page.locator('.part.sidebar .monaco-list-row[role="treeitem"]').evaluateAll((els) =>
      els.map((e) => {
        const name = (e.querySelector('.label-name')?.textContent ?? '').trim();
        const state = e.getAttribute('aria-expanded');
        return state === null ? name : `${name} [${state === 'true' ? 'expanded' : 'collapsed'}]`;
      }),
    );
  }

  /** Opens the Okta Tokens view and expands each row of `path` in turn (connection, server, client…). */
  async openTreePath(path: (string | RegExp)[], firstTimeoutMs = 60_000): Promise<Locator | undefined> {
    await this.openView('Okta Tokens');
    let row: Locator | undefined;
    for (const [i, label] of path.entries())
      row = await this.expand(label, i === 0 ? firstTimeoutMs : undefined);
    return row;
  }

  /**
   * Runs a command from the palette by its title as shown there, e.g. "Okta: Add Connection". F1 is
   * pressed again only while the palette is absent (a key sent while the workbench is busy, or while a
   * webview holds the focus, can be lost), and the filter is typed again only if it did not take.
   */
  async runCommand(title: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const left = (cap: number) => Math.max(1, Math.min(cap, deadline - Date.now()));
    const input = this.page.locator('.quick-input-widget input.input');
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
    for (;;) {
      if (!(await input.isVisible().catch(() => false))) await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: left(5_000) });
        if ((await input.inputValue().catch(() => '')) !== `>${title}`) await input.fill(`>${title}`);
        await row.waitFor({ state: 'visible', timeout: left(10_000) });
        await row.click();
        return;
      } catch (e) {
        if (Date.now() >= deadline)
          throw new Error(`the command palette did not offer "${title}" within ${timeoutMs / 1000}s`, {
            cause: e,
          });
      }
    }
  }

  /**
   * Switches the colour theme and waits until the workbench wears it (its root element carries the theme
   * type as a class), so a screenshot taken next shows it. The workbench follows the colour scheme and
   * forced colours of the browser (the harness turns on window.autoDetectColorScheme), so the switch is
   * what a person's OS setting does: the page's media features change, and VS Code picks its preferred
   * light, dark or high-contrast theme. (Editing settings.json from outside could be missed by the
   * workbench and cost a reload; code-server 4.139's theme picker lists no installed themes.) The media
   * belong to this journey's browser context, so the next journey starts in the default again.
   */
  async setTheme(
    theme: 'Dark Modern' | 'Light Modern' | 'Dark High Contrast' | 'Light High Contrast',
  ): Promise<void> {
    const [colorScheme, forcedColors, kind, file] = (
      {
        'Dark Modern': ['dark', 'none', 'vs-dark', 'dark_modern'],
        'Light Modern': ['light', 'none', 'vs', 'light_modern'],
        'Dark High Contrast': ['dark', 'active', 'hc-black', 'hc_black'],
        'Light High Contrast': ['light', 'active', 'hc-light', 'hc_light'],
      } as const
    )[theme];
    await this.page.emulateMedia({ colorScheme, forcedColors });
    await this.page
      .locator(`.monaco-workbench.${kind}.vscode-theme-defaults-themes-${file}-json`)
      .waitFor({ state: 'attached', timeout: 30_000 });
  }

  /**
   * Types into the open quick input (input box or quick pick filter) and presses Enter. The widget is
   * reused from one question to the next, so with `title` it first waits for the question that has it
   * (otherwise an answer can land in the previous question while it is closing).
   */
  async answerInput(text: string, title?: string | RegExp): Promise<void> {
    if (title !== undefined)
      await this.page
        .locator('.quick-input-widget .quick-input-title', { hasText: title })
        .waitFor({ state: 'visible', timeout: 30_000 });
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    await input.press('Enter');
  }

  /** Picks an entry of the open quick pick by its visible label. */
  async pick(label: string | RegExp): Promise<void> {
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /**
   * The journeys' one rule for input that can be lost under load: do `act`, wait up to `perTryMs` for its
   * effect, and repeat both only while the effect is absent, until `deadline`. The effect is a locator that
   * becomes visible or a check polled every 100 ms; `between` runs before a repeat (Escape closes what a
   * lost attempt left open).
   */
  private async repeatUntil(o: {
    act: () => Promise<void>;
    done: Locator | (() => Promise<boolean>);
    deadline: number;
    perTryMs: number;
    between?: () => Promise<void>;
    /** For a check's failure message: what should have happened, and in how long. */
    what?: string;
    withinMs?: number;
  }): Promise<void> {
    for (;;) {
      await o.act();
      const wait = Math.max(1, Math.min(o.perTryMs, o.deadline - Date.now()));
      if (typeof o.done === 'function') {
        const until = Date.now() + wait;
        while (Date.now() < until) {
          if (await o.done().catch(() => false)) return;
          await this.page.waitForTimeout(100);
        }
        if (Date.now() >= o.deadline)
          throw new Error(`${o.what} did not happen within ${(o.withinMs ?? 0) / 1000}s`);
      } else {
        try {
          await o.done.waitFor({ state: 'visible', timeout: wait });
          return;
        } catch (e) {
          if (Date.now() >= o.deadline) throw e;
        }
      }
      await o.between?.();
    }
  }

  /**
   * Opens a new untitled editor in the StackQL language and types `text` into it, as a person would:
   * File: New Untitled Text File, Change Language Mode, then typing. Each step is repeated only while its
   * effect is absent (a new tab, the status bar naming StackQL, the text in the editor), because under load
   * the palette can swallow a click or close before its second question opens.
   */
  async newQueryEditor(text: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const left = (cap: number) => Math.max(1, Math.min(cap, deadline - Date.now()));
    const untitled = this.page.locator('.tabs-container .tab.active .label-name', {
      hasText: /^Untitled-\d+/,
    });
    const language = this.page.locator('[id="status.editor.mode"]');
    const attempt = (what: string, act: () => Promise<void>, done: () => Promise<boolean>) =>
      this.repeatUntil({
        // A failed step is not an answer: the effect below decides whether to try again.
        act: () => act().catch(() => undefined),
        done,
        deadline,
        perTryMs: 10_000,
        between: () => this.page.keyboard.press('Escape'),
        what,
        withinMs: timeoutMs,
      });
    await attempt(
      'a new untitled editor',
      () => this.runCommand('File: New Untitled Text File', left(30_000)),
      () => untitled.first().isVisible(),
    );
    await attempt(
      'the StackQL language mode',
      async () => {
        await this.runCommand('Change Language Mode', left(30_000));
        await this.answerInput('stackql');
      },
      async () => /StackQL/.test(await language.innerText()),
    );
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    const firstLine = text.split('\n')[0]!;
    await attempt(
      'typing into the editor',
      async () => {
        await lines.click();
        await this.page.keyboard.press('Control+A');
        await this.page.keyboard.press('Delete');
        await this.page.keyboard.insertText(text);
      },
      async () => (await lines.innerText()).replace(/\u00a0/g, ' ').includes(firstLine),
    );
  }

  /**
   * Clicks the first statement's "Run" code lens and waits for `effect` (the first question, the results).
   * A click on the lens can be lost while the editor is still busy, so it is repeated — only while the
   * effect is absent, so a query that did start is never run twice because it was slow to show.
   */
  async runLens(effect: Locator, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const lens = this.page.locator('.codelens-decoration a').filter({ hasText: 'Run' }).first();
    await lens.waitFor({ state: 'visible', timeout: Math.min(30_000, timeoutMs) });
    await this.repeatUntil({ act: () => lens.click(), done: effect, deadline, perTryMs: 20_000 });
  }

  /**
   * Right-clicks a tree row and chooses a context-menu entry (hovered first: an instant click can be lost).
   * The right-click is repeated only while the entry is absent: a row redrawn under the pointer (a theme
   * switch, a refresh) can take the click without opening its menu, or open the view's instead.
   */
  async contextMenu(row: Locator, itemTitle: string, timeoutMs = 45_000): Promise<void> {
    const item = this.page.getByRole('menuitem', { name: itemTitle });
    await this.repeatUntil({
      act: () => row.click({ button: 'right' }),
      done: item,
      deadline: Date.now() + timeoutMs,
      perTryMs: 10_000,
      between: () => this.page.keyboard.press('Escape'),
    });
    await item.hover();
    await item.click();
  }

  /** Waits for a modal dialog, returns its message, and presses the button named `button`. */
  async answerModal(button: string, timeoutMs = 15_000): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    const message = (await dialog.locator('.dialog-message').innerText()).trim();
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    return message;
  }

  /** The label of the modal dialog's button that has the keyboard focus, i.e. what Enter would press. */
  async modalFocusedButton(timeoutMs = 15_000): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    return this.page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
  }

  /** The open modal dialog's buttons in the order shown, and its detail text (what is under the message). */
  async modalContent(timeoutMs = 15_000): Promise<{ buttons: string[]; detail: string }> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    const buttons = (await dialog.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((b) =>
      b.trim(),
    );
    const detail = (
      await dialog
        .locator('.dialog-message-detail')
        .innerText()
        .catch(() => '')
    ).trim();
    return { buttons, detail };
  }

  /** Presses a key while a modal dialog is open and waits for it to close. */
  async dismissModalWith(key: string): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await this.page.keyboard.press(key);
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Texts of the notification toasts on screen (code-server without the smoke-test driver shows them). */
  async toasts(): Promise<string[]> {
    return this.page
      .locator('.notification-toast .notification-list-item-message')
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  /** Waits for a toast whose text matches. */
  async waitForToast(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const toast = this.page
      .locator('.notification-toast .notification-list-item-message')
      .filter({ hasText: text })
      .first();
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await toast.innerText()).trim();
  }

  /** The content frame of the most recently opened webview panel. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  /** Title of the active editor tab (webview panels included). */
  async activeTabTitle(): Promise<string> {
    return (await this.page.locator('.tabs-container .tab.active .label-name').first().innerText()).trim();
  }

  /** Saves a full-window screenshot as <shotsDir>/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(this.shotsDir, { recursive: true });
    const file = join(this.shotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
