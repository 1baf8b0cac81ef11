// Types of log.cjs.
export declare function step(msg: string): void;
