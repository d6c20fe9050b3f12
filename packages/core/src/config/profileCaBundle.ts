import type { CoreDeps } from "../deps.js";
import type { ProfileCaBundle } from "../network/caBundle.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { resolveProfileName } from "./resolveProfileName.js";
import { sectionHeader } from "./sectionHeader.js";

/**
 * The `ca_bundle` of the profile in use (botocore's `ca_bundle` config variable, read from the session's profile:
 * --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE, else "default"). Undefined when the profile sets none;
 * AWS_CA_BUNDLE still wins over it (network/caBundle.ts resolveCaBundle).
 */
export function profileCaBundle(deps: Pick<CoreDeps, "env">, config: SharedConfig, profileName?: string): ProfileCaBundle | undefined {
  const name = resolveProfileName(deps, profileName);
  const value = config.profiles[name]?.ca_bundle;
  return typeof value === "string" && value !== "" ? { path: value, source: `ca_bundle under ${sectionHeader(name)} in ${config.configFile}` } : undefined;
}
