import { join } from "node:path";
import type { CoreDeps } from "../deps.js";
import { assumeRoleCacheKey } from "../keys/assumeRoleCacheKey.js";
import { cliCacheDir } from "../paths/cliCacheDir.js";
import type { AssumeRoleStep } from "../config/resolveRoleChain.js";

/** ~/.aws/cli/cache/<key>.json for one AssumeRole step, keyed exactly as botocore's AssumeRoleCredentialFetcher. */
export function assumeRoleCachePath(deps: Pick<CoreDeps, "homedir" | "env">, step: AssumeRoleStep): string {
  const key = assumeRoleCacheKey({
    RoleArn: step.roleArn,
    RoleSessionName: step.roleSessionName,
    ExternalId: step.externalId,
    SerialNumber: step.mfaSerial,
    DurationSeconds: step.durationSeconds,
  });
  return join(cliCacheDir(deps), `${key}.json`);
}
