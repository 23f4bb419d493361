// Types for playground.mjs, so the TypeScript end-to-end tests can import it.
export type RunningPlayground = { url: string; port: number; stop(): Promise<void> };
export function startPlayground(options: {
  botUrl: string;
  port?: number;
  configPath?: string;
  logDir?: string;
  openBrowser?: boolean;
}): Promise<RunningPlayground>;
export function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  explain: () => string,
  exited?: Promise<unknown>,
): Promise<T>;
export const trustConfigPath: string;
export function currentUserAadObjectId(configPath?: string): string;
/** The mock data (playground-trust.yml) as plain objects: every scalar a string. Check its shape before use. */
export function readTrustConfig(configPath?: string): Record<string, unknown>;
