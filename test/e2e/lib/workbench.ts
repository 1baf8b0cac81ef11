// Helpers for Playwright journeys: drive the VS Code workbench the way a person does (activity bar,
// tree rows, command palette, context menus, modal dialogs, notifications, webviews) and save named
// screenshots. Selectors follow the workbench's accessibility roles where it has them.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class Workbench {
  constructor(
    readonly page: Page,
    /** Folder for this journey's screenshots (artifacts/e2e/journeys/<journey>/). */
    readonly shotsDir: string,
    /** code-server's user settings.json (server-side, watched by the workbench), for the colour theme. */
    private readonly settingsFile?: string,
  ) {}

  private editSettings(edit: (settings: Record<string, unknown>) => void): void {
    if (!this.settingsFile) throw new Error('this workbench was given no settings file');
    const settings = existsSync(this.settingsFile)
      ? (JSON.parse(readFileSync(this.settingsFile, 'utf8')) as Record<string, unknown>)
      : {};
    edit(settings);
    writeFileSync(this.settingsFile, JSON.stringify(settings, null, 2));
  }

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
   * type as a class), so a screenshot taken next shows it. The theme is set in the user settings, as a
   * person's settings.json would: code-server 4.139's theme picker lists no installed themes (only
   * "Browse Additional Color Themes…", which needs the internet), so picking one there cannot work.
   */
  async setTheme(
    theme: 'Dark Modern' | 'Light Modern' | 'Dark High Contrast' | 'Light High Contrast',
  ): Promise<void> {
    // Setting id, and the classes the workbench then wears: the theme type and the theme file's own.
    const [id, kind, file] = {
      'Dark Modern': ['Dark Modern', 'vs-dark', 'dark_modern'],
      'Light Modern': ['Light Modern', 'vs', 'light_modern'],
      'Dark High Contrast': ['Default High Contrast', 'hc-black', 'hc_black'],
      'Light High Contrast': ['Default High Contrast Light', 'hc-light', 'hc_light'],
    }[theme];
    this.editSettings((s) => (s['workbench.colorTheme'] = id));
    const worn = this.page.locator(`.monaco-workbench.${kind}.vscode-theme-defaults-themes-${file}-json`);
    try {
      await worn.waitFor({ state: 'attached', timeout: 10_000 });
    } catch {
      // The workbench watches settings.json, but after it has rewritten the file itself it can miss a
      // later edit from outside; a reload reads the settings afresh (views and panels are restored).
      await this.page.reload();
      await this.ready();
      await worn.waitFor({ state: 'attached', timeout: 30_000 });
    }
  }

  /** Puts the default theme back (journeys share one code-server). */
  resetTheme(): void {
    if (!this.settingsFile || !existsSync(this.settingsFile)) return;
    this.editSettings((s) => delete s['workbench.colorTheme']);
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

  /** Right-clicks a tree row and chooses a context-menu entry (hover first: an instant click can be lost). */
  async contextMenu(row: Locator, itemTitle: string): Promise<void> {
    await row.click({ button: 'right' });
    const item = this.page.getByRole('menuitem', { name: itemTitle });
    await item.waitFor({ state: 'visible' });
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
