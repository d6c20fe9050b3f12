/**
 * Which proxy an AWS call goes through, by botocore's rule (botocore.utils.get_environ_proxies, which is Python's
 * urllib.request.getproxies_environment + proxy_bypass_environment on Linux), so the toolkit and the AWS CLI take
 * the same route on the same environment (then ProxyConfiguration.proxy_url_for picks the scheme's proxy). Pure: reads only the environment it is given, loads nothing.
 */

export type Env = Record<string, string | undefined>;

/**
 * Scheme → proxy value from `<scheme>_proxy` variables in any case, lower-case names winning (urllib's two passes;
 * an empty lower-case variable removes the scheme). Under CGI (REQUEST_METHOD set) an upper-case HTTP_PROXY is
 * ignored (CVE-2016-1000110). `no` holds NO_PROXY.
 */
export function environProxies(env: Env): Map<string, string> {
  const proxies = new Map<string, string>();
  const entries = Object.entries(env);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (value && lower.endsWith("_proxy")) proxies.set(lower.slice(0, -6), value);
  }
  if (env.REQUEST_METHOD !== undefined) proxies.delete("http");
  for (const [name, value] of entries) {
    if (!name.endsWith("_proxy")) continue;
    const scheme = name.toLowerCase().slice(0, -6);
    if (value) proxies.set(scheme, value);
    else proxies.delete(scheme);
  }
  return proxies;
}

/**
 * urllib's proxy_bypass_environment(netloc): NO_PROXY is a comma list of host names or domain suffixes (a leading
 * dot ignored), each matched case-insensitively against the host alone and against host:port as the URL wrote it;
 * exactly `*` bypasses everything. There is no CIDR or IP-range matching (botocore: "urllib only checks DNS suffix"):
 * an IP address matches only itself, written the same way.
 */
export function bypassesProxy(netloc: string, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  if (noProxy === "*") return true;
  const host = netloc.toLowerCase();
  const hostOnly = splitPort(host);
  for (const raw of noProxy.split(",")) {
    const trimmed = pyStrip(raw);
    if (!trimmed) continue;
    const name = trimmed.replace(/^\.+/, "").toLowerCase();
    if (hostOnly === name || host === name) return true;
    if (hostOnly.endsWith(`.${name}`) || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** urllib's _splitport: "host:123" → "host" (a port of digits only, possibly empty); anything else is kept whole. */
function splitPort(host: string): string {
  const m = /^(.*):([0-9]*)$/s.exec(host);
  return m ? m[1]! : host;
}

/** Python's str.isspace() characters (JavaScript's \s differs: it has U+FEFF and lacks U+001C-U+001F and U+0085); the same set
 * as config/python.ts, which this layer (below config) cannot import. */
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Python's str.strip() with no argument. */
function pyStrip(s: string): string {
  return s.replace(PY_SPACE, "");
}

/** botocore's ProxyConfiguration._fix_proxy_url: a value without http:/https: is taken as http://. */
export function normalizeProxyUrl(value: string): string {
  if (value.startsWith("http:") || value.startsWith("https:")) return value;
  if (value.startsWith("//")) return `http:${value}`;
  return `http://${value}`;
}

/**
 * The proxy URL for a request to `scheme://netloc` (scheme "https" or "http"), or undefined to connect directly:
 * NO_PROXY first, then the scheme's own variable (HTTPS_PROXY for https, HTTP_PROXY for http; ALL_PROXY is not used,
 * as in botocore).
 */
export function proxyFor(env: Env, scheme: string, netloc: string): string | undefined {
  const proxies = environProxies(env);
  if (proxies.size === 0) return undefined;
  if (bypassesProxy(netloc, proxies.get("no"))) return undefined;
  const value = proxies.get(scheme);
  return value ? normalizeProxyUrl(value) : undefined;
}

/** A proxy URL safe to print: scheme, host and port, never the user or password. */
export function redactProxyUrl(proxyUrl: string): string {
  try {
    const u = new URL(proxyUrl);
    return `${u.protocol}//${u.host}`;
  } catch {
    // Unparsable: show nothing of what might be userinfo.
    const at = proxyUrl.lastIndexOf("@");
    return at >= 0 ? `${proxyUrl.slice(0, proxyUrl.indexOf("//") + 2)}***@${proxyUrl.slice(at + 1)}` : proxyUrl;
  }
}
