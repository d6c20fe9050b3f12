import type { HttpHandlerOptions, HttpRequest, HttpResponse } from "@smithy/types";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { readCaBundle, resolveCaBundle, type CaBundle, type ProfileCaBundle, type ProfileProxySettings } from "./caBundle.js";
import { attachNetworkContext } from "./networkFailure.js";
import { proxyFor, redactProxyUrl } from "./proxyForUrl.js";

/** Connection settings every AWS call shares; callers add them next to the endpoint they resolved. */
export interface NetworkOptions {
  /** The `ca_bundle` of the profile in use (profileCaBundle); AWS_CA_BUNDLE still wins over it. */
  caBundle?: ProfileCaBundle | undefined;
}

export interface AwsClientOptions extends NetworkOptions {
  region: string;
  /** Endpoint URL resolved by the caller (resolveEndpoint); undefined → AWS's default for the region. */
  endpoint: string | undefined;
  /** SDK attempts per call (default 3: throttling, 5xx and network faults, with the SDK's backoff). */
  maxAttempts?: number;
}

/** Per-connection limits: a proxy or endpoint that does not answer fails the call instead of hanging it. */
export const CONNECTION_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The configuration every AWS SDK client of the toolkit is built with (SSO portal, SSO-OIDC, STS): region, the
 * caller's endpoint (configured endpoints are resolved by core from deps.env and the config, never read by the SDK
 * from process.env behind its back), 3 attempts, timeouts, and a request handler that routes each request as
 * botocore does (HTTPS_PROXY / HTTP_PROXY / NO_PROXY from deps.env) and trusts the CA bundle the AWS CLI would use.
 * Nothing here is loaded on a cache hit: callers build a client only when they call AWS.
 */
export async function awsClientConfig(deps: Pick<CoreDeps, "env" | "fs">, options: AwsClientOptions) {
  return {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ignoreConfiguredEndpointUrls: true,
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: await networkHandler(deps, options),
  };
}

/** The request handler behind awsClientConfig, also used for the federation endpoint (networkGet). */
export async function networkHandler(deps: Pick<CoreDeps, "env" | "fs">, options: NetworkOptions = {}): Promise<RoutingHandler> {
  const bundle = resolveCaBundle(deps.env, options.caBundle);
  const ca = bundle ? await readCaBundle(deps, bundle) : undefined;
  const { NodeHttpHandler } = await import("@smithy/node-http-handler");
  return new RoutingHandler({ ...deps.env }, bundle, ca, NodeHttpHandler, { settings: options.caBundle?.proxy, fs: deps.fs });
}

/** The profile's proxy TLS settings and how to read the files they name (read only when a proxy route is built). */
export interface ProxyTls {
  settings: ProfileProxySettings | undefined;
  fs: CoreDeps["fs"];
}

type Route = { handler: NodeHttpHandler; proxy: string | undefined; proxyVar: string | undefined; proxyCa: CaBundle | undefined };

/**
 * One NodeHttpHandler per route (direct, or through one proxy), chosen per request from its scheme and host, so
 * NO_PROXY is applied to the host actually called, exactly as botocore decides it (proxyFor).
 */
export class RoutingHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private readonly routes = new Map<string, Promise<Route>>();
  private readonly config: Record<string, unknown> = {};

  private readonly env: Record<string, string | undefined>;
  private readonly bundle: CaBundle | undefined;
  private readonly ca: string | undefined;
  private readonly Handler: typeof NodeHttpHandler;

  private readonly proxyTls: ProxyTls | undefined;

  constructor(env: Record<string, string | undefined>, bundle: CaBundle | undefined, ca: string | undefined, Handler: typeof NodeHttpHandler, proxyTls?: ProxyTls) {
    this.env = env;
    this.bundle = bundle;
    this.ca = ca;
    this.Handler = Handler;
    this.proxyTls = proxyTls;
  }

  async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    const scheme = request.protocol.replace(/:$/, "");
    const netloc = `${request.hostname}${request.port ? `:${request.port}` : ""}`;
    const proxy = proxyFor(this.env, scheme, netloc);
    const route = await this.route(scheme, proxy);
    try {
      return await route.handler.handle(request as never, options);
    } catch (e) {
      // Node's agent: ERR_PROXY_TUNNEL with the status the proxy answered the CONNECT with.
      const tunnel = e as { code?: unknown; statusCode?: unknown; [PROXY_TLS_FAILED]?: unknown };
      const refused = proxy && tunnel.code === "ERR_PROXY_TUNNEL" && typeof tunnel.statusCode === "number" ? tunnel.statusCode : undefined;
      attachNetworkContext(e, {
        target: `${request.hostname}:${request.port ?? (scheme === "http" ? 80 : 443)}`,
        proxy: route.proxy,
        proxyVar: route.proxyVar,
        caBundle: this.bundle,
        proxyStatus: refused,
        ...(tunnel[PROXY_TLS_FAILED] ? { proxyTls: { caBundle: route.proxyCa } } : {}),
        configFile: this.env.AWS_CONFIG_FILE || "~/.aws/config",
      });
      throw e;
    }
  }

  private route(scheme: string, proxy: string | undefined): Promise<Route> {
    const key = proxy === undefined ? "direct" : `${scheme} ${proxy}`;
    let route = this.routes.get(key);
    if (!route) {
      route = this.makeRoute(scheme, proxy);
      this.routes.set(key, route);
    }
    return route;
  }

  private async makeRoute(scheme: string, proxy: string | undefined): Promise<Route> {
    const ca = this.ca !== undefined ? { ca: this.ca } : {};
    const common = { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, ...this.config };
    if (proxy === undefined) {
      // Explicit agents with proxyEnv null: NO_PROXY was decided here, so Node's own environment proxy (NODE_USE_ENV_PROXY)
      // must not route this request after all.
      const direct = { keepAlive: true, maxSockets: 50, proxyEnv: null, ...ca } as unknown as import("node:https").AgentOptions;
      const httpsAgent = new (process.getBuiltinModule("node:https").Agent)(direct);
      const httpAgent = new (process.getBuiltinModule("node:http").Agent)(direct);
      return { handler: new this.Handler({ ...common, httpsAgent, httpAgent }), proxy: undefined, proxyVar: undefined, proxyCa: undefined };
    }
    checkNodeProxySupport(this.proxyVarFor(scheme));
    const settings = this.proxyTls?.settings;
    // botocore builds the proxy's TLS context (loading proxy_ca_bundle and proxy_client_cert) for any proxy it uses,
    // so a missing file fails even behind an http:// proxy; the settings apply only to an https:// one.
    const proxyCa = settings?.caBundle && this.proxyTls ? await readCaBundle(this.proxyTls, settings.caBundle) : undefined;
    const clientCert = settings?.clientCert && this.proxyTls ? await readClientCert(this.proxyTls.fs, settings.clientCert) : undefined;
    if (scheme === "https" && new URL(proxy).protocol === "https:") {
      if (settings?.useForwardingForHttps) {
        throw new ConfigError(`proxy_use_forwarding_for_https (${settings.useForwardingForHttps.source}) is not supported: sso-creds always opens a CONNECT tunnel through the proxy.`, {
          code: "ProxyForwardingUnsupported",
          fix: "remove proxy_use_forwarding_for_https from the profile (the proxy then sees a CONNECT tunnel, as with an http:// proxy)",
        });
      }
      const handler = new this.Handler({ ...common, httpsAgent: await tlsProxyAgent(withBotocoreAuth(proxy), { ca: proxyCa ?? this.ca, ...clientCert }, this.ca) });
      return { handler, proxy: redactProxyUrl(proxy), proxyVar: this.proxyVarFor(scheme), proxyCa: settings?.caBundle ?? this.bundle };
    }
    // Node's own proxy support (https.Agent proxyEnv): a CONNECT tunnel for https (the target's TLS verified against
    // `ca`; https-proxy-agent would apply `ca` to the proxy connection only), forwarding for http, as urllib3 does.
    // It gets only the proxy botocore's rule chose for this request, never NO_PROXY: the bypass was decided above.
    // Chosen over hpagent because hpagent is CommonJS, whose interop helpers a bundle (the credential_process shim)
    // would then load on every cache hit; Node's needs no package at all.
    const mod = process.getBuiltinModule(scheme === "https" ? "node:https" : "node:http");
    const agent = new mod.Agent({
      keepAlive: true,
      maxSockets: 50,
      proxyEnv: scheme === "https" ? { HTTPS_PROXY: withBotocoreAuth(proxy) } : { HTTP_PROXY: withBotocoreAuth(proxy) },
      ...ca,
    } as import("node:https").AgentOptions);
    const handler = new this.Handler({ ...common, ...(scheme === "https" ? { httpsAgent: agent } : { httpAgent: agent }) });
    return { handler, proxy: redactProxyUrl(proxy), proxyVar: this.proxyVarFor(scheme), proxyCa: undefined };
  }

  private proxyVarFor(scheme: string): string {
    return proxyVariable(this.env, scheme);
  }

  updateHttpClientConfig(key: string, value: unknown): void {
    this.config[key] = value;
    for (const route of this.routes.values()) void route.then((r) => r.handler.updateHttpClientConfig(key as never, value as never));
  }

  httpHandlerConfigs(): Record<string, unknown> {
    return { ...this.config };
  }

  destroy(): void {
    for (const route of this.routes.values()) void route.then((r) => r.handler.destroy());
    this.routes.clear();
  }
}

/** Marks an error of the TLS handshake with the proxy itself (not with the target through the tunnel). */
const PROXY_TLS_FAILED = Symbol.for("sso-creds.proxy-tls-failed");

/**
 * The agent for https requests through an https:// proxy (TLS to the proxy, a CONNECT tunnel, TLS to the target
 * inside it, as urllib3 does). Node's own proxy support (https.Agent proxyEnv) does connect to an https:// proxy,
 * but with Node's default trust store only: its proxy connection options are the proxy's host and port and nothing
 * else (lib/internal/http.js ProxyConfig.proxyConnectionOptions, Node 24.21), so neither proxy_ca_bundle, nor the
 * AWS_CA_BUNDLE botocore verifies the proxy with, nor a client certificate could reach it. https-proxy-agent takes
 * the proxy connection's TLS options separately from the target's (its constructor options go to the proxy socket
 * only; the target gets the request's), and it is ESM, loaded only on this route.
 * `proxyTls` verifies the proxy (proxy_ca_bundle, else the target's bundle, else Node's store, as urllib3 uses the
 * target's ca_certs when botocore passes no proxy context); `targetCa` the AWS endpoint through the tunnel.
 * A refused CONNECT becomes ERR_PROXY_TUNNEL with the proxy's status, as Node's own agent reports it (the library
 * would hand the proxy's 407 page to the SDK as if AWS had answered).
 */
async function tlsProxyAgent(proxy: string, proxyTls: { ca?: string | undefined; cert?: string; key?: string }, targetCa: string | undefined): Promise<import("node:https").Agent> {
  const { HttpsProxyAgent } = await import("https-proxy-agent");
  type ConnectOpts = Parameters<InstanceType<typeof HttpsProxyAgent<string>>["connect"]>[1];
  class TlsProxyAgent extends HttpsProxyAgent<string> {
    override async connect(req: import("node:http").ClientRequest, opts: ConnectOpts) {
      let status: number | undefined;
      req.once("proxyConnect", (connect: { statusCode?: number }) => (status = connect.statusCode));
      let socket;
      try {
        // The target's TLS: its own CA bundle (or Node's store), never the proxy's CA or client certificate.
        socket = await super.connect(req, { ...opts, ca: targetCa, cert: undefined, key: undefined } as ConnectOpts);
      } catch (e) {
        if (typeof e === "object" && e !== null) Object.defineProperty(e, PROXY_TLS_FAILED, { value: true, enumerable: false });
        throw e;
      }
      if (status !== undefined && status !== 200) {
        socket.destroy();
        throw Object.assign(new Error(`The proxy answered the CONNECT with HTTP ${status}`), { code: "ERR_PROXY_TUNNEL", statusCode: status });
      }
      return socket;
    }
  }
  return new TlsProxyAgent(proxy, { keepAlive: true, maxSockets: 50, ...proxyTls }) as unknown as import("node:https").Agent;
}

/** proxy_client_cert: one PEM file with the certificate (chain) and its private key, as ssl's load_cert_chain(path) reads it. */
async function readClientCert(fs: CoreDeps["fs"], file: { path: string; source: string }): Promise<{ cert: string; key: string }> {
  let text: string;
  try {
    text = await fs.readFile(file.path, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code ?? "unreadable";
    throw new ConfigError(`The proxy client certificate ${file.path} (from ${file.source}) cannot be read (${code}).`, { code: "ProxyClientCertUnreadable", fix: `point ${file.source.split(" ")[0]} at a PEM file holding your certificate and its private key, or remove the line` });
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----") || !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new ConfigError(`The proxy client certificate ${file.path} (from ${file.source}) must hold a PEM certificate and its private key.`, { code: "ProxyClientCertInvalid", fix: `put the certificate and its unencrypted private key in one PEM file, or remove ${file.source.split(" ")[0]}` });
  }
  return { cert: text, key: text };
}

/** botocore sends Proxy-Authorization only when the URL has both a user and a password (percent-decoded); otherwise none. */
function withBotocoreAuth(proxy: string): string {
  const url = new URL(proxy);
  if (!url.username || !url.password) {
    url.username = "";
    url.password = "";
  }
  return url.href;
}

/** Node's https.Agent takes `proxyEnv` from 22.21 and 24.5 on; older ones would ignore it and connect directly. */
export function nodeSupportsProxyEnv(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major >= 25 || (major === 24 && minor >= 5) || (major === 22 && minor >= 21);
}

function checkNodeProxySupport(variable: string): void {
  if (nodeSupportsProxyEnv()) return;
  throw new ConfigError(`${variable} is set, but Node ${process.versions.node} cannot send requests through a proxy (Node 22.21 or 24.5 and later can).`, {
    code: "NodeTooOldForProxy",
    fix: "install Node 24 (https://nodejs.org), or use the single-file sso binary",
  });
}

/** The variable a scheme's proxy came from, as the user spelled it (for hints): the lower-case one wins, as in urllib. */
function proxyVariable(env: Record<string, string | undefined>, scheme: string): string {
  const want = `${scheme}_proxy`;
  if (env[want]) return want;
  return Object.keys(env).find((name) => env[name] && name.toLowerCase() === want) ?? `${scheme.toUpperCase()}_PROXY`;
}
