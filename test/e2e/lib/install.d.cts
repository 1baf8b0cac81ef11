// Types of install.cjs.
export interface Toolchain {
  /** Folder holding the `node` binary code-server runs on; put it first on PATH. */
  nodeBinDir: string;
  codeServerBin: string;
  chromiumPath: string;
}

export declare const NODE_VERSION: string;
export declare const CODE_SERVER_VERSION: string;
/** Installs what is missing of Chromium, Node 24 and code-server; needs nothing from node_modules. */
export declare function installTools(): Promise<Toolchain>;
/** installTools(), after checking that Playwright's client is installed. */
export declare function ensureToolchain(): Promise<Toolchain>;
