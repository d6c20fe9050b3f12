import type { SharedConfig } from "../config/loadSharedConfig.js";

/**
 * The region to export for a profile (AWS_REGION): its own `region` setting, SSO or role profile alike. A role
 * profile does not inherit its source's region, as neither botocore nor the JS SDK does.
 */
export function profileRegion(config: SharedConfig, profileName: string): string | undefined {
  const own = config.profiles[profileName]?.region;
  return typeof own === "string" && own ? own : undefined;
}
