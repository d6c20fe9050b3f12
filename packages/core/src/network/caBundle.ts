import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";

/** The CA bundle AWS calls trust, and where it was set (for messages). */
export interface CaBundle {
  path: string;
  /** "AWS_CA_BUNDLE", "ca_bundle in [profile dev] of ~/.aws/config", or "REQUESTS_CA_BUNDLE". */
  source: string;
}

/** A file a profile setting names, and where it is set (for messages). */
export interface ProfileFile {
  path: string;
  /** E.g. "proxy_ca_bundle under [profile dev] in ~/.aws/config". */
  source: string;
}

/**
 * botocore's proxies_config settings of the profile (top-level keys, or the nested `proxies_config =` block):
 * how to talk TLS to an https:// proxy.
 */
export interface ProfileProxySettings {
  /** proxy_ca_bundle: the CAs that verify the proxy's own certificate (instead of the target's trust). */
  caBundle?: ProfileFile | undefined;
  /** proxy_client_cert: a PEM file holding the client certificate and its key, shown to the proxy. */
  clientCert?: ProfileFile | undefined;
  /** proxy_use_forwarding_for_https = true (botocore's normalize_boolean: only "true", any case, is true). */
  useForwardingForHttps?: { source: string } | undefined;
}

/**
 * The TLS settings of the profile in use, as config/profileCaBundle read them: its `ca_bundle` (path and source,
 * undefined path when it sets none) and its proxy settings.
 */
export interface ProfileCaBundle {
  /** ca_bundle; undefined when the profile sets only proxy settings. */
  path?: string | undefined;
  /** E.g. "ca_bundle under [profile dev] in ~/.aws/config". */
  source: string;
  proxy?: ProfileProxySettings | undefined;
}

/**
 * The bundle in the AWS CLI's precedence (botocore's `ca_bundle` config variable, read by Session.create_client as
 * `verify`, then EndpointCreator._get_verify_value's fallback):
 * AWS_CA_BUNDLE, the profile's `ca_bundle`, REQUESTS_CA_BUNDLE. Undefined: Node's own trust store (which
 * NODE_EXTRA_CA_CERTS extends). A bundle replaces the trust store for AWS calls, as botocore's `verify` does.
 * An empty AWS_CA_BUNDLE counts as unset (botocore would turn verification off; we never do).
 */
export function resolveCaBundle(env: Record<string, string | undefined>, fromProfile: ProfileCaBundle | undefined): CaBundle | undefined {
  if (env.AWS_CA_BUNDLE) return { path: env.AWS_CA_BUNDLE, source: "AWS_CA_BUNDLE" };
  if (fromProfile?.path) return { path: fromProfile.path, source: fromProfile.source };
  if (env.REQUESTS_CA_BUNDLE) return { path: env.REQUESTS_CA_BUNDLE, source: "REQUESTS_CA_BUNDLE" };
  return undefined;
}

/** The PEM text of a bundle; a missing, unreadable or certificate-less file is one ConfigError naming the file. */
export async function readCaBundle(deps: Pick<CoreDeps, "fs">, bundle: CaBundle): Promise<string> {
  let text: string;
  try {
    text = await deps.fs.readFile(bundle.path, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code ?? "unreadable";
    const why = code === "ENOENT" ? "does not exist" : code === "EACCES" ? "cannot be read (permission denied)" : code === "EISDIR" ? "is a directory" : `cannot be read (${code})`;
    throw new ConfigError(`The CA bundle ${bundle.path} (from ${bundle.source}) ${why}.`, { code: "CaBundleUnreadable", fix: caBundleFix(bundle) });
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ConfigError(`The CA bundle ${bundle.path} (from ${bundle.source}) holds no PEM certificate.`, { code: "CaBundleInvalid", fix: caBundleFix(bundle) });
  }
  return text;
}

function caBundleFix(bundle: CaBundle): string {
  return bundle.source === "AWS_CA_BUNDLE" || bundle.source === "REQUESTS_CA_BUNDLE"
    ? `point ${bundle.source} at your organisation's CA bundle (a PEM file), or unset it`
    : `point ${bundle.source} at your organisation's CA bundle (a PEM file), or remove the line`;
}
