import type { CaBundle } from "./caBundle.js";

/**
 * What the network layer knew when a request failed: the route it took and the trust it used. Attached (not
 * enumerable, so SDK error dumps do not show it) to the error the request handler threw; the SDK error mapper reads
 * it back through describeNetworkFailure. Holds no secret: the proxy URL is redacted before it gets here.
 */
export interface NetworkContext {
  /** host[:port] of the AWS endpoint. */
  target: string;
  /** The proxy the request went through (redacted: scheme://host:port), if any. */
  proxy: string | undefined;
  /** The name of the variable the proxy came from, for hints ("HTTPS_PROXY"). */
  proxyVar: string | undefined;
  caBundle: CaBundle | undefined;
  /** The HTTP status the proxy answered the CONNECT with, when it refused the tunnel. */
  proxyStatus?: number | undefined;
  /** Set when the TLS handshake with an https:// proxy itself failed; caBundle: what verified the proxy (proxy_ca_bundle, else the target's bundle). */
  proxyTls?: { caBundle: CaBundle | undefined } | undefined;
  /** The config file as the user names it (AWS_CONFIG_FILE as set, else ~/.aws/config), for hints that edit it. */
  configFile: string;
}

const CONTEXT = Symbol.for("sso-creds.network-context");

export function attachNetworkContext(e: unknown, context: NetworkContext): void {
  if (typeof e === "object" && e !== null && !(CONTEXT in e)) Object.defineProperty(e, CONTEXT, { value: context, enumerable: false });
}

function contextOf(e: unknown): NetworkContext | undefined {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 5; depth++) {
    const c = (cur as { [CONTEXT]?: NetworkContext })[CONTEXT];
    if (c) return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** TLS verification failures: the server's certificate does not chain to a trusted CA (or names another host). */
const UNTRUSTED = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
]);
const CONNECT_FAILED = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

/** A network failure said in network terms: what failed, and what to do about it (a command or an edit). */
export interface NetworkFailure {
  /** E.g. "the proxy http://127.0.0.1:3128 requires authentication (HTTP 407)". */
  reason: string;
  fix: string | undefined;
  /** A short code: ProxyAuthRequired, ProxyRefused, ProxyUnreachable, UntrustedCertificate, DnsFailure, ... */
  code: string;
}

function codes(e: unknown): string[] {
  const out: string[] = [];
  const walk = (cur: unknown, depth: number) => {
    if (!cur || typeof cur !== "object" || depth > 5) return;
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") out.push(code);
    const errors = (cur as { errors?: unknown }).errors; // AggregateError from happy-eyeballs connects
    if (Array.isArray(errors)) for (const inner of errors) walk(inner, depth + 1);
    walk((cur as { cause?: unknown }).cause, depth + 1);
  };
  walk(e, 0);
  return out;
}

/**
 * The network reason of an SDK/fetch failure, or undefined when it is no network failure we can say more about.
 * Proxy refusals (407 and others), an unreachable proxy, a certificate that does not chain to the CA bundle in use
 * (naming the file), DNS failure with no proxy configured (hint: HTTPS_PROXY).
 */
export function describeNetworkFailure(e: unknown): NetworkFailure | undefined {
  const ctx = contextOf(e);
  const all = codes(e);
  const target = ctx?.target;
  if (ctx?.proxy && ctx.proxyStatus !== undefined) {
    const via = `the proxy ${ctx.proxy}`;
    if (ctx.proxyStatus === 407 || ctx.proxyStatus === 401) {
      return {
        reason: `${via} requires authentication (HTTP ${ctx.proxyStatus}) for the tunnel to ${target}`,
        fix: `put the proxy user and password in ${ctx.proxyVar ?? "HTTPS_PROXY"} (${ctx.proxy.startsWith("https:") ? "https" : "http"}://USER:PASSWORD@host:port, percent-encoded)`,
        code: "ProxyAuthRequired",
      };
    }
    return {
      reason: `${via} refused the tunnel to ${target} (HTTP ${ctx.proxyStatus})`,
      fix: `allow ${target} on the proxy, or add it to NO_PROXY if it is reachable without one`,
      code: "ProxyRefused",
    };
  }
  if (ctx?.proxy && all.includes("ERR_PROXY_TUNNEL")) {
    return {
      reason: `the proxy ${ctx.proxy} closed the tunnel to ${target} before it was established`,
      fix: `check ${ctx.proxyVar ?? "HTTPS_PROXY"} (a proxy URL is http://host:port)`,
      code: "ProxyRefused",
    };
  }
  const tls = all.find((c) => UNTRUSTED.has(c));
  if (tls && ctx?.proxy && ctx.proxyTls) {
    const bundle = ctx.proxyTls.caBundle;
    const trust = bundle ? `the CA bundle ${bundle.path} (from ${bundle.source})` : "the CAs Node trusts";
    return {
      reason: `the TLS certificate of the proxy ${ctx.proxy} is not trusted: it does not chain to a CA in ${trust} (${tls})`,
      fix: bundle?.source.startsWith("proxy_ca_bundle")
        ? `point proxy_ca_bundle at the CA bundle that signed the proxy's certificate`
        : `add proxy_ca_bundle = /path/to/proxy-ca.pem (the CA that signed the proxy's certificate) to the profile in ${ctx.configFile}`,
      code: "UntrustedProxyCertificate",
    };
  }
  if (tls) {
    const trust = ctx?.caBundle ? `the CA bundle ${ctx.caBundle.path} (from ${ctx.caBundle.source})` : "the CAs Node trusts (no AWS_CA_BUNDLE set)";
    return {
      reason: `the TLS certificate of ${target ?? "the endpoint"}${ctx?.proxy ? ` (through the proxy ${ctx.proxy})` : ""} does not chain to a CA in ${trust} (${tls})`,
      fix: ctx?.caBundle
        ? `point ${ctx.caBundle.source === "AWS_CA_BUNDLE" || ctx.caBundle.source === "REQUESTS_CA_BUNDLE" ? ctx.caBundle.source : "ca_bundle"} at the bundle holding your organisation's CA`
        : "export AWS_CA_BUNDLE=/path/to/your-organisation-ca.pem",
      code: "UntrustedCertificate",
    };
  }
  const alert = all.find((c) => c.startsWith("ERR_SSL_"));
  if (alert && ctx?.proxy && ctx.proxyTls) {
    return {
      reason: `the proxy ${ctx.proxy} ended the TLS handshake (${alert})`,
      fix: alert.includes("CERTIFICATE")
        ? `the proxy wants a client certificate: add proxy_client_cert = /path/to/cert-and-key.pem to the profile in ${ctx.configFile}`
        : `check ${ctx.proxyVar ?? "HTTPS_PROXY"} (is the proxy https://, or http://?)`,
      code: "ProxyHandshakeFailed",
    };
  }
  if (all.includes("ERR_TLS_CERT_ALTNAME_INVALID") && ctx?.proxy && ctx.proxyTls) {
    return { reason: `the TLS certificate of the proxy ${ctx.proxy} is for another host name (ERR_TLS_CERT_ALTNAME_INVALID)`, fix: `check the host name in ${ctx.proxyVar ?? "HTTPS_PROXY"}`, code: "ProxyCertificateNameMismatch" };
  }
  if (all.includes("ERR_TLS_CERT_ALTNAME_INVALID")) {
    return { reason: `the TLS certificate served for ${target ?? "the endpoint"} is for another host name (ERR_TLS_CERT_ALTNAME_INVALID)`, fix: undefined, code: "CertificateNameMismatch" };
  }
  if (all.includes("CERT_HAS_EXPIRED")) {
    return { reason: `the TLS certificate served for ${target ?? "the endpoint"} has expired (CERT_HAS_EXPIRED)`, fix: undefined, code: "CertificateExpired" };
  }
  const net = all.find((c) => CONNECT_FAILED.has(c));
  if (ctx?.proxy && (net || isTimeout(e))) {
    // The handler connects only to the proxy when one is set: a connect-level failure is the proxy's.
    return {
      reason: `cannot connect to the proxy ${ctx.proxy} (${net ?? "timed out"})`,
      fix: `check ${ctx.proxyVar ?? "HTTPS_PROXY"}, or unset it where no proxy is needed`,
      code: "ProxyUnreachable",
    };
  }
  if (net === "ENOTFOUND" || net === "EAI_AGAIN") {
    return {
      reason: `cannot resolve ${hostOf(target) ?? "the endpoint's host name"} (${net}; no proxy is configured)`,
      fix: "behind a corporate proxy, export HTTPS_PROXY=http://proxy.example.com:3128",
      code: "DnsFailure",
    };
  }
  return undefined;
}

function isTimeout(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "TimeoutError";
}

function hostOf(target: string | undefined): string | undefined {
  return target?.replace(/:\d+$/, "");
}
