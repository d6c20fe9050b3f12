import type { SharedConfig } from "../config/loadSharedConfig.js";
import type { CoreDeps } from "../deps.js";

export type EndpointService = "sso" | "sso_oidc" | "sts";

// botocore: ConfiguredEndpointProvider; JS SDK: middleware-endpoint getEndpointFromConfig
/**
 * A configured endpoint URL, in botocore's order (ConfiguredEndpointProvider): AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL, the profile's `services` block, the profile's endpoint_url. Undefined → the SDK's default.
 */
export function resolveEndpoint(
  deps: Pick<CoreDeps, "env">,
  config: SharedConfig,
  service: EndpointService,
  profileName?: string,
): string | undefined {
  const profile = profileName !== undefined ? config.profiles[profileName] : undefined;
  const ignore = deps.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? (typeof profile?.ignore_configured_endpoint_urls === "string" ? profile.ignore_configured_endpoint_urls : undefined);
  if (ignore?.toLowerCase() === "true") return undefined;
  const fromEnv = deps.env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || deps.env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  const servicesName = typeof profile?.services === "string" ? profile.services : undefined;
  const block = servicesName !== undefined ? config.services[servicesName]?.[service] : undefined;
  if (block && typeof block === "object" && block.endpoint_url) return block.endpoint_url;
  return typeof profile?.endpoint_url === "string" && profile.endpoint_url ? profile.endpoint_url : undefined;
}

/**
 * The endpoint override from the environment alone, for callers without a config file (a token handed over in CI or
 * a container): AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true.
 */
export function endpointFromEnv(env: Record<string, string | undefined>, service: EndpointService): string | undefined {
  return resolveEndpoint({ env }, NO_CONFIG, service);
}

const NO_CONFIG: SharedConfig = { profiles: {}, ssoSessions: {}, services: {}, configFile: "", credentialsFile: "" };
