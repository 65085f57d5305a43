/** Types of build.mjs, for the suite that runs the build first. */
export declare const SERVER_ENTRY: string;
export declare function inputsNow(dirs: readonly string[]): { count: number; newest: number };
export declare function stampIsCurrent(stamp: string, dirs: readonly string[]): boolean;
export declare function buildIsCurrent(): boolean;
export declare function build(): Promise<void>;
export declare function ensureBuilt(): Promise<void>;
