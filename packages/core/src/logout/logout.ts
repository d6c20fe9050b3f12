import { basename, join } from "node:path";
import type { CoreDeps } from "../deps.js";
import { pacedSsoClient, portalRateLimiter } from "../accounts/portalRateLimiter.js";
import { credentialsCachePath } from "../credentials/index.js";
import { cliCacheDir, ssoCacheDir, tokenCachePath } from "../paths/index.js";
import { removeCredentialsProfiles } from "../profile-files/credentialsProfile.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";
import type { SsoProfile, SsoSession } from "../types.js";

export interface LogoutOptions {
  /** Log out of this sso-session only. */
  session?: SsoSession;
  /** Log out of every cached token, as `aws sso logout` does. */
  all?: boolean;
  /**
   * With `session`: the profiles that use it, to find their role credentials in ~/.aws/cli/cache (the file names
   * are hashes of account, role and session, so only configured profiles can be matched).
   */
  profiles?: SsoProfile[];
  /** SSO portal endpoint for Logout: one URL, or per sso_region. */
  ssoEndpoint?: string | ((region: string) => string | undefined) | undefined;
  /** The profile's ca_bundle (AWS_CA_BUNDLE wins over it). */
  caBundle?: NetworkOptions["caBundle"];
}

export interface LogoutResult {
  /** Token files removed. */
  tokenFiles: string[];
  /** Cached role-credential files removed from ~/.aws/cli/cache. */
  credentialFiles: string[];
  /** Tokens the service was told to revoke (Logout answered), and those where the call failed (ignored). */
  revoked: number;
  revokeFailed: number;
  /** Sections `sso env --write-credentials` wrote for the session(s), removed from the shared files. */
  profileSections: Array<{ path: string; removed: string[] }>;
}

/**
 * Log out like `aws sso logout`: call Logout with each token (service and network errors are ignored, the local
 * files go either way), delete the token files and the SSO role credentials in ~/.aws/cli/cache. Client
 * registrations stay, so the next login skips RegisterClient.
 *
 * `all`: every token in ~/.aws/sso/cache and every `"ProviderType": "sso"` file in ~/.aws/cli/cache.
 * `session`: that session's token, and the cached credentials of the given profiles that use the session.
 * Either way, the static profiles `sso env --write-credentials` wrote from those sessions go too.
 */
export async function logout(deps: CoreDeps, options: LogoutOptions): Promise<LogoutResult> {
  const result: LogoutResult = { tokenFiles: [], credentialFiles: [], revoked: 0, revokeFailed: 0, profileSections: [] };
  const tokenFiles = options.all ? await jsonFiles(deps, ssoCacheDir(deps)) : options.session ? [tokenCachePath(deps, options.session)] : [];
  for (const path of tokenFiles) {
    const contents = await readJson(deps, path);
    if (!contents || typeof contents.accessToken !== "string") continue; // registrations and foreign files stay
    const region = typeof contents.region === "string" ? contents.region : options.session?.region;
    if (region) {
      const ok = await revoke(deps, region, contents.accessToken, endpointFor(options.ssoEndpoint, region), options);
      if (ok) result.revoked++;
      else result.revokeFailed++;
    }
    await deps.fs.rm(path, { force: true });
    result.tokenFiles.push(path);
  }

  const cliDir = cliCacheDir(deps);
  let candidates: string[];
  if (options.all) candidates = await jsonFiles(deps, cliDir);
  else if (options.session) {
    const name = options.session.name;
    candidates = (options.profiles ?? [])
      .filter((p) => (name ? p.session.name === name : p.session.name === undefined && p.session.startUrl === options.session?.startUrl))
      .map((p) => credentialsCachePath(deps, p));
  } else candidates = [];
  for (const path of [...new Set(candidates)]) {
    const contents = await readJson(deps, path);
    if (contents?.ProviderType !== "sso") continue;
    await deps.fs.rm(path, { force: true });
    result.credentialFiles.push(path);
  }
  if (options.all) result.profileSections = await removeCredentialsProfiles(deps, { all: true });
  else if (options.session) result.profileSections = await removeCredentialsProfiles(deps, { session: options.session });
  return result;
}

function endpointFor(ep: LogoutOptions["ssoEndpoint"], region: string): string | undefined {
  return typeof ep === "function" ? ep(region) : ep;
}

async function revoke(deps: CoreDeps, region: string, accessToken: string, endpoint: string | undefined, network: NetworkOptions): Promise<boolean> {
  const { client, sdk, destroy } = await pacedSsoClient(deps, region, endpoint, portalRateLimiter(region, endpoint), { caBundle: network.caBundle });
  try {
    await client.send(new sdk.LogoutCommand({ accessToken }));
    return true;
  } catch {
    return false; // an expired or already revoked token, or no network: the local logout still happens
  } finally {
    destroy();
  }
}

async function jsonFiles(deps: Pick<CoreDeps, "fs">, dir: string): Promise<string[]> {
  try {
    return (await deps.fs.readdir(dir)).filter((f) => f.endsWith(".json") && !basename(f).startsWith(".")).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

async function readJson(deps: Pick<CoreDeps, "fs">, path: string): Promise<Record<string, unknown> | undefined> {
  try {
    const v: unknown = JSON.parse(await deps.fs.readFile(path, "utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
