import type { CoreDeps } from "../deps.js";
import type { ProfileCaBundle, ProfileProxySettings } from "../network/caBundle.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { resolveProfileName } from "./resolveProfileName.js";
import { sectionHeader } from "./sectionHeader.js";

/**
 * The TLS settings of the profile in use (session's profile: --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE, else
 * "default"): botocore's `ca_bundle` config variable (AWS_CA_BUNDLE still wins over it, network/caBundle.ts
 * resolveCaBundle) and its proxies_config variables `proxy_ca_bundle`, `proxy_client_cert` and
 * `proxy_use_forwarding_for_https` (configprovider.py DEFAULT_PROXIES_CONFIG_VARS: a top-level key of the profile
 * wins over the same key in its nested `proxies_config =` block; no environment variable). Undefined when the
 * profile sets none of them.
 */
export function profileCaBundle(deps: Pick<CoreDeps, "env">, config: SharedConfig, profileName?: string): ProfileCaBundle | undefined {
  const name = resolveProfileName(deps, profileName);
  const section = config.profiles[name];
  const where = (key: string) => `${key} under ${sectionHeader(name)} in ${config.configFile}`;
  const value = section?.ca_bundle;
  const path = typeof value === "string" && value !== "" ? value : undefined;
  const proxy = proxySettings(section, where);
  if (path === undefined && proxy === undefined) return undefined;
  return { path, source: where("ca_bundle"), ...(proxy ? { proxy } : {}) };
}

function proxySettings(section: Record<string, unknown> | undefined, where: (key: string) => string): ProfileProxySettings | undefined {
  const nested = section?.proxies_config;
  const block = typeof nested === "object" && nested !== null ? (nested as Record<string, unknown>) : {};
  const read = (key: string): { value: string; source: string } | undefined => {
    const top = section?.[key];
    if (typeof top === "string") return { value: top, source: where(key) };
    const inner = block[key];
    return typeof inner === "string" ? { value: inner, source: where(`${key} (in proxies_config)`) } : undefined;
  };
  const ca = read("proxy_ca_bundle");
  const cert = read("proxy_client_cert");
  const forwarding = read("proxy_use_forwarding_for_https");
  const out: ProfileProxySettings = {
    ...(ca && ca.value !== "" ? { caBundle: { path: ca.value, source: ca.source } } : {}),
    ...(cert && cert.value !== "" ? { clientCert: { path: cert.value, source: cert.source } } : {}),
    ...(forwarding && forwarding.value.toLowerCase() === "true" ? { useForwardingForHttps: { source: forwarding.source } } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}
