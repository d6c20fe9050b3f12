import { CONFLICTING_ENV_NAMES, NESTED_PROFILE_ENV } from "../export/envForChild.js";
import type { CredentialServer } from "./startCredentialServer.js";

/**
 * Removed as well as envForChild's list: RELATIVE_URI wins over FULL_URI and the _FILE token over the plain one in
 * both SDKs (aws-sso-facts §7.1), so a leftover one would point the child elsewhere.
 */
const CONTAINER_ENV_NAMES = ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"];

export interface EnvForCredentialServerOptions {
  /** What the credentials are for; recorded in SSO_CREDS_PROFILE as `sso exec` does. */
  profile: string;
  /** The region for AWS_REGION / AWS_DEFAULT_REGION; when absent the child keeps any it inherits. */
  region?: string | undefined;
}

/**
 * The environment for a child that gets its credentials from a credential server: `baseEnv` without static
 * credentials, profiles or other container endpoints, plus AWS_CONTAINER_CREDENTIALS_FULL_URI and
 * AWS_CONTAINER_AUTHORIZATION_TOKEN. Every AWS SDK then asks the server again whenever its credentials near expiry.
 */
export function envForCredentialServer(
  baseEnv: Record<string, string | undefined>,
  server: Pick<CredentialServer, "url" | "authToken">,
  options: EnvForCredentialServerOptions,
): Record<string, string> {
  const drop = new Set<string>([...CONFLICTING_ENV_NAMES, ...CONTAINER_ENV_NAMES]);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(baseEnv)) if (value !== undefined && !drop.has(name)) env[name] = value;
  env.AWS_CONTAINER_CREDENTIALS_FULL_URI = server.url;
  env.AWS_CONTAINER_AUTHORIZATION_TOKEN = server.authToken;
  if (options.region) env.AWS_REGION = env.AWS_DEFAULT_REGION = options.region;
  env[NESTED_PROFILE_ENV] = options.profile;
  return env;
}
