// Checks the getting-started walkthrough's "Connect" and "Browse" steps once they are true: a connection
// is saved, the Okta Tokens view has been open. VS Code completes a step only on an event that arrives
// after it registered the walkthrough: onCommand and onView are not remembered from before, and an
// onContext expression that already holds at registration is recorded as seen and never completes the
// step. So each step listens to two expressions on one context key (`== 1`, `== 2`) and, while its
// condition holds, this module flips the key between the two — at activation, when the condition
// becomes true, and whenever a tab opens (the walkthrough itself opens as a tab, after it registered).
// Whichever expression did not hold at registration then fires. The keys carry nothing else.
import * as vscode from 'vscode';

export const WALKTHROUGH_KEYS = {
  connect: 'oktaTokenExplorer.walkthrough.connect',
  browse: 'oktaTokenExplorer.walkthrough.browse',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_KEYS;

export class WalkthroughProgress implements vscode.Disposable {
  private readonly flips: Record<WalkthroughStep, number> = { connect: 0, browse: 0 };
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly holds: Record<WalkthroughStep, () => boolean>) {
    this.subs.push(
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        if (e.opened.length > 0) this.update();
      }),
    );
    this.update();
  }

  /** Flips the key of every step whose condition holds; call when a condition may have become true. */
  update(): void {
    for (const step of Object.keys(WALKTHROUGH_KEYS) as WalkthroughStep[]) {
      if (!this.holds[step]()) continue;
      this.flips[step]++;
      const value = this.flips[step] % 2 === 1 ? '1' : '2';
      void vscode.commands.executeCommand('setContext', WALKTHROUGH_KEYS[step], value);
    }
  }

  dispose(): void {
    for (const s of this.subs.splice(0)) s.dispose();
  }
}
