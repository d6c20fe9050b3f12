import type { CoreDeps } from "../deps.js";
import { SsoCredsError } from "../errors.js";
import { withLock, type LockHolder } from "../fs/index.js";
import { getValidToken, readToken } from "../token/index.js";
import type { SsoSession, SsoToken } from "../types.js";
import { loginLockPath } from "./loginLockPath.js";
import { loginWithDeviceCode, type DevicePrompt } from "./loginWithDeviceCode.js";
import { loginWithPkce } from "./loginWithPkce.js";
import type { LoginFlow } from "./registerClient.js";
import type { Sleep } from "../util/sleep.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";

/** A cached token is reused by `sso login` only with more than this left (botocore's refresh window). */
export const REUSE_MIN_REMAINING_MS = 15 * 60_000;

export interface LoginOptions extends NetworkOptions {
  flow: LoginFlow;
  /** Log in even if a valid token is cached (a login another process finished while we waited still counts). */
  force?: boolean;
  oidcEndpoint?: string | undefined;
  /** Device flow: show the URL and code. */
  onPrompt?: (prompt: DevicePrompt) => void | Promise<void>;
  /** PKCE flow: open (or print) the authorize URL. */
  openUrl?: (url: string) => void | Promise<void>;
  /** Called once if another process holds this session's login lock and we start waiting for it. */
  onWaitForOtherLogin?: (holder: LockHolder | undefined) => void;
  signal?: AbortSignal | undefined;
  /** PKCE: how long to wait for the browser. */
  timeoutMs?: number;
  /** How long to wait for another process's login (default: the PKCE timeout plus a minute). */
  lockTimeoutMs?: number;
  sleep?: Sleep;
}

export interface LoginResult {
  token: SsoToken;
  /** True when a cached (possibly just refreshed) token was good enough and no browser/device step ran. */
  reused: boolean;
  /** The flow that ran; undefined when reused. */
  flow: LoginFlow | undefined;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Log in to an sso-session once, however many processes ask: a per-session lock is held over
 * check + login + write, so a concurrent `sso login` waits and then finds the fresh token. A cached token with
 * more than 15 minutes left (refreshed first if it can be) is reused unless `force`.
 */
export async function login(deps: CoreDeps, session: SsoSession, options: LoginOptions): Promise<LoginResult> {
  const before = await readToken(deps, session).catch(() => undefined);
  const timeoutMs = options.timeoutMs ?? 600_000;
  // As in the AWS CLI, a legacy profile (no sso-session) always uses the device flow.
  const flow: LoginFlow = session.name === undefined ? "device" : options.flow;
  let waited = false;
  return withLock(
    deps,
    loginLockPath(deps, session),
    async () => {
      const current = await readToken(deps, session).catch(() => undefined);
      const loggedInMeanwhile = waited && current !== undefined && current.accessToken !== before?.accessToken;
      if (!options.force || loggedInMeanwhile) {
        const reusable = await reusableToken(deps, session, options);
        if (reusable) return { token: reusable, reused: true, flow: undefined, expiresAt: Date.parse(reusable.expiresAt) };
      }
      const token =
        flow === "device"
          ? await loginWithDeviceCode(deps, session, {
              oidcEndpoint: options.oidcEndpoint,
              caBundle: options.caBundle,
              onPrompt: options.onPrompt ?? (() => undefined),
              signal: options.signal,
              ...(options.sleep ? { sleep: options.sleep } : {}),
            })
          : await loginWithPkce(deps, session, {
              oidcEndpoint: options.oidcEndpoint,
              caBundle: options.caBundle,
              openUrl: options.openUrl ?? (() => undefined),
              signal: options.signal,
              timeoutMs,
            });
      return { token, reused: false, flow, expiresAt: Date.parse(token.expiresAt) };
    },
    {
      timeoutMs: options.lockTimeoutMs ?? timeoutMs + 60_000,
      onWait: (holder) => {
        waited = true;
        options.onWaitForOtherLogin?.(holder);
      },
    },
  );
}

/** The cached token if it (after a refresh where possible) has comfortably long to live; never throws. */
async function reusableToken(deps: CoreDeps, session: SsoSession, options: LoginOptions): Promise<SsoToken | undefined> {
  try {
    const token = await getValidToken(deps, session, { oidcEndpoint: options.oidcEndpoint, caBundle: options.caBundle });
    const expires = Date.parse(token.expiresAt);
    return Number.isFinite(expires) && expires - deps.now() > REUSE_MIN_REMAINING_MS ? token : undefined;
  } catch (e) {
    if (e instanceof SsoCredsError) return undefined; // missing, expired or unrefreshable: log in
    throw e;
  }
}
