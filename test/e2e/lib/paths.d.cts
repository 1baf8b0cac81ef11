// Types of paths.cjs.
export declare const repoRoot: string;
/** Install cache: Node 24, code-server, package staging. Ignored by git. */
export declare const workDir: string;
export declare const artifactsRoot: string;
export declare const e2eArtifacts: string;
