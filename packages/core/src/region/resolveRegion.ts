import { profileRegion } from "./profileRegion.js";
import type { SharedConfig } from "../config/loadSharedConfig.js";
import { ConfigError } from "../errors.js";
import { sectionHeader } from "../config/sectionHeader.js";

/** Where a region came from, named as the user set it. */
export type RegionSource = "--region" | "AWS_REGION" | "AWS_DEFAULT_REGION" | "profile";

export interface ResolvedRegion {
  /** undefined when none is set anywhere: the child then keeps whatever it inherits (nothing). */
  region: string | undefined;
  source: RegionSource | undefined;
}

/** botocore's validate_region_name: a host label, not all digits, no leading or trailing hyphen. */
const HOST_LABEL = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{1,63}(?<!-)$/;

/**
 * The region for what we hand out (`sso env`, `sso exec`, `sso serve`, `sso console`), with the SDKs' precedence: an
 * explicit `--region`, then AWS_REGION (the JS SDK's and AWS CLI v2's variable), then AWS_DEFAULT_REGION (botocore's),
 * then the profile's own `region` (a role profile does not inherit its source's, see profileRegion). Empty values count
 * as unset. A value that is not a region name (botocore's check) is a ConfigError saying where it came from.
 */
export function resolveRegion(
  env: Record<string, string | undefined>,
  config: SharedConfig,
  profileName: string,
  explicit?: string | undefined,
): ResolvedRegion {
  const candidates: Array<[RegionSource, string | undefined]> = [
    ["--region", explicit],
    ["AWS_REGION", env.AWS_REGION],
    ["AWS_DEFAULT_REGION", env.AWS_DEFAULT_REGION],
    ["profile", profileRegion(config, profileName)],
  ];
  for (const [source, value] of candidates) {
    if (value === undefined || value === "") continue;
    if (!HOST_LABEL.test(value)) throw invalidRegion(source, value, config, profileName);
    return { region: value, source };
  }
  return { region: undefined, source: undefined };
}

/** A `--region` that is written rather than handed out (`sso populate`): botocore's check, before any API call. */
export function checkRegionFlag(value: string | undefined): void {
  if (value !== undefined && value !== "" && !HOST_LABEL.test(value)) throw invalidRegion("--region", value);
}

function invalidRegion(source: RegionSource, value: string, config?: SharedConfig, profileName = ""): ConfigError {
  const where = source === "profile" ? `The region of profile ${profileName}` : source;
  const fix =
    source === "--region"
      ? "give a region name, like --region eu-west-1"
      : source === "profile"
        ? `set region = eu-west-1 (or another region name) under ${sectionHeader(profileName)} in ${config?.configFile ?? "~/.aws/config"}`
        : `export ${source}=eu-west-1 (or unset ${source})`;
  return new ConfigError(`${where} ${JSON.stringify(value)} is not a region name (like eu-west-1).`, { code: "InvalidRegion", fix });
}
