import type { SharedConfig } from "../config/loadSharedConfig.js";
import { resolveSsoProfile } from "../config/resolveSsoProfile.js";
import { ROLE_CREDENTIALS_EXPIRY_WINDOW_MS } from "../credentials/constants.js";
import { getRoleCredentials, type GetRoleCredentialsOptions } from "../credentials/getRoleCredentials.js";
import { parseCredentialsCache } from "../credentials/parseCredentialsCache.js";
import type { CoreDeps } from "../deps.js";
import { resolveEndpoint } from "../endpoints/resolveEndpoint.js";
import { ConfigError, CredentialsError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { tildePath } from "../util/tildePath.js";
import { lockPathFor, withLock } from "../fs/withLock.js";
import { writeFileAtomic } from "../fs/writeFileAtomic.js";
import { profileCaBundle } from "../config/profileCaBundle.js";
import type { RoleCredentials } from "../types.js";
import { assumeRole } from "./assumeRole.js";
import { assumeRoleCachePath } from "./assumeRoleCachePath.js";
import { generatedRoleSessionName } from "./generatedRoleSessionName.js";
import { stsRegion } from "./stsRegion.js";
import { resolveRoleChain, type AssumeRoleStep } from "../config/resolveRoleChain.js";
import { serializeAssumeRoleCache } from "./serializeAssumeRoleCache.js";

/** Asked for the current code of an MFA device when a step with mfa_serial has to call STS (never on a cache hit). */
export type MfaCodeProvider = (request: { profileName: string; mfaSerial: string }) => Promise<string>;

export interface GetChainedRoleCredentialsOptions extends Pick<GetRoleCredentialsOptions, "forceRefresh" | "onRefreshError" | "lock"> {
  mfaCode?: MfaCodeProvider | undefined;
}

// botocore: AssumeRoleProvider._load_creds_via_assume_role; JS SDK: credential-provider-ini fromIni
/**
 * Credentials for a profile with role_arn + source_profile: the chain down to an SSO profile is followed, each
 * AssumeRole step cached in ~/.aws/cli/cache under botocore's key and format (so the AWS CLI and boto3 share it),
 * reused while more than 15 minutes remain; a step calls STS only when its cache is stale, under the cache file's lock.
 */
export async function getChainedRoleCredentials(
  deps: CoreDeps,
  config: SharedConfig,
  profileName: string,
  options: GetChainedRoleCredentialsOptions = {},
): Promise<RoleCredentials> {
  const chain = resolveRoleChain(config, profileName);
  const ssoProfile = resolveSsoProfile(config, chain.ssoProfileName);
  const stsEndpoint = resolveEndpoint(deps, config, "sts", profileName);
  const region = stsRegion(deps.env, config, profileName);
  // botocore reads ca_bundle from the profile in use for every call of the chain.
  const caBundle = profileCaBundle(deps, config, profileName);
  const held = new Set<string>();

  const credentialsFor = async (index: number): Promise<RoleCredentials> => {
    if (index < 0) {
      return getRoleCredentials(deps, ssoProfile, {
        ssoEndpoint: resolveEndpoint(deps, config, "sso", chain.ssoProfileName),
        oidcEndpoint: resolveEndpoint(deps, config, "sso_oidc", chain.ssoProfileName),
        onRefreshError: options.onRefreshError,
        lock: options.lock,
        caBundle,
      });
    }
    const step = chain.steps[index]!;
    const force = options.forceRefresh === true && index === chain.steps.length - 1;
    const path = assumeRoleCachePath(deps, step);
    const first = await readCache(deps, path, step);
    if (!force && isFresh(deps, first)) return first.credentials;

    const fetch = async () => {
      const current = await readCache(deps, path, step);
      const rewritten = current.kind === "ok" && (first.kind !== "ok" || current.raw !== first.raw);
      if (isFresh(deps, current) && (!force || rewritten)) return current.credentials;
      if (current.kind === "unreadable") throw current.error;
      const sourceCredentials = await credentialsFor(index - 1);
      let tokenCode: string | undefined;
      if (step.mfaSerial !== undefined) {
        if (!options.mfaCode) {
          throw new CredentialsError(
            `Profile ${step.profileName} needs a code from MFA device ${step.mfaSerial} and nothing here can ask for one; running sso env once in a terminal caches the role.`,
            { code: "MfaCodeRequired", fix: `sso env --profile ${shellQuote(step.profileName)}` },
          );
        }
        tokenCode = (await options.mfaCode({ profileName: step.profileName, mfaSerial: step.mfaSerial })).trim();
      }
      const response = await assumeRole(deps, step, {
        sourceCredentials,
        sourceProfileName: index === 0 ? chain.ssoProfileName : chain.steps[index - 1]!.profileName,
        roleSessionName: step.roleSessionName ?? generatedRoleSessionName(deps.now()),
        tokenCode,
        stsEndpoint,
        region,
        configFile: config.configFile,
        caBundle,
      });
      await writeFileAtomic(deps, path, serializeAssumeRoleCache(response));
      const { assumedRoleArn: _a, assumedRoleId: _i, requestId: _r, attempts: _n, ...credentials } = response;
      return credentials;
    };
    // Two steps of one chain can share a cache file (same role settings): take its lock once.
    const lockPath = lockPathFor(path);
    if (held.has(lockPath)) return fetch();
    held.add(lockPath);
    try {
      return await withLock(deps, lockPath, fetch, options.lock);
    } finally {
      held.delete(lockPath);
    }
  };

  if (chain.steps.length === 0) throw new ConfigError(`Profile ${profileName} has no role_arn.`, { code: "NotAssumeRoleProfile" });
  return credentialsFor(chain.steps.length - 1);
}

type CacheRead =
  | { kind: "missing" | "malformed" }
  | { kind: "unreadable"; error: CredentialsError }
  | { kind: "ok"; credentials: RoleCredentials; raw: string };

async function readCache(deps: CoreDeps, path: string, step: AssumeRoleStep): Promise<CacheRead> {
  let raw: string;
  try {
    raw = await deps.fs.readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return {
      kind: "unreadable",
      error: new CredentialsError(`The AssumeRole cache ${tildePath(deps, path)} for profile ${step.profileName} cannot be read (${code ?? "error"}).`, {
        code: "CredentialsCacheUnreadable",
        fix: `rm -r ${shellQuote(path)}`,
      }),
    };
  }
  // A malformed entry holds nothing usable: it is replaced by the next successful AssumeRole.
  const parsed = parseCredentialsCache(raw, /^arn:[\w-]+:iam::(\d{12}):/.exec(step.roleArn)?.[1] ?? "");
  return "problem" in parsed ? { kind: "malformed" } : { kind: "ok", credentials: parsed, raw };
}

function isFresh(deps: CoreDeps, read: CacheRead): read is Extract<CacheRead, { kind: "ok" }> {
  return read.kind === "ok" && read.credentials.expiration - deps.now() > ROLE_CREDENTIALS_EXPIRY_WINDOW_MS;
}
