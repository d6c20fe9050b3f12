import type { SharedConfig } from "../config/loadSharedConfig.js";
import { resolveRegion } from "../region/resolveRegion.js";

const NO_CONFIG: SharedConfig = { profiles: {}, ssoSessions: {}, services: {}, configFile: "", credentialsFile: "" };

/**
 * The region to call STS in for AssumeRole: the same precedence as the region we hand out (resolveRegion: AWS_REGION,
 * AWS_DEFAULT_REGION, the profile's `region`), else us-east-1, where the SDKs' global STS endpoint answers.
 * Without a config file (the container's SSO_* settings), only the environment counts.
 * botocore: `AssumeRoleProvider` builds its STS client in the session's region; JS SDK: `fromIni`'s `roleAssumer`.
 */
export function stsRegion(env: Record<string, string | undefined>, config?: SharedConfig, profileName?: string): string {
  return resolveRegion(env, config ?? NO_CONFIG, profileName ?? "default").region ?? "us-east-1";
}
