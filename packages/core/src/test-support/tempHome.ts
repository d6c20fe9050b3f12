import * as nodeFs from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CoreDeps } from "../deps.js";

export interface TempHome {
  home: string;
  deps: CoreDeps;
  /** ~/.aws/sso/cache and ~/.aws/cli/cache under this home. */
  ssoCacheDir: string;
  cliCacheDir: string;
  /** Move the injected clock (epoch ms). */
  setNow(ms: number): void;
  cleanup(): Promise<void>;
}

/** A throwaway HOME with real files and a clock the test controls (default: the real time at creation). */
export async function createTempHome(options: { now?: number; env?: Record<string, string | undefined> } = {}): Promise<TempHome> {
  const home = await mkdtemp(join(tmpdir(), "sso-creds-home-"));
  let now = options.now ?? Date.now();
  const env = { HOME: home, ...options.env };
  const deps: CoreDeps = { env, now: () => now, homedir: () => home, fs: nodeFs };
  return {
    home,
    deps,
    ssoCacheDir: join(home, ".aws", "sso", "cache"),
    cliCacheDir: join(home, ".aws", "cli", "cache"),
    setNow(ms) {
      now = ms;
    },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}
