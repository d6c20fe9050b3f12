import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { FaultPlan, Throttle } from "./faults.js";
import { loadFixtures } from "./fixtures.js";
import { BodyTooLargeError, readBody, sendJson } from "./http.js";
import { createToken, parseJsonBody, registerClient, startDeviceAuthorization, type OidcContext } from "./oidc.js";
import { isOidcErrorType, sendOidcError } from "./oidcErrors.js";
import { authorize, authorizeDecision, deviceCodePage, deviceConfirm, deviceDecision } from "./pages.js";
import { getRoleCredentials, listAccountRoles, listAccounts, logout, sendPortalError, type PortalContext } from "./portal.js";
import { EmulatorState } from "./state.js";
import { handleSts, sendStsError, stsParams, type StsContext } from "./sts.js";
import type { Emulator, EmulatorOptions, MintedToken, MintTokenOptions } from "./types.js";

type Service = "portal" | "oidc" | "sts";

// Method + path suffix → operation. Suffix, because both SDKs keep a path prefix of an endpoint override (facts §1.1).
const API_ROUTES: Array<[method: string, path: string, operation: string, service: Service]> = [
  ["GET", "/federation/credentials", "GetRoleCredentials", "portal"],
  ["GET", "/assignment/accounts", "ListAccounts", "portal"],
  ["GET", "/assignment/roles", "ListAccountRoles", "portal"],
  ["POST", "/logout", "Logout", "portal"],
  ["POST", "/client/register", "RegisterClient", "oidc"],
  ["POST", "/device_authorization", "StartDeviceAuthorization", "oidc"],
  ["POST", "/token", "CreateToken", "oidc"],
];

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The request's URL, or undefined for a request target no URL parser accepts (e.g. `http://[`). */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", "http://emulator.invalid");
  } catch {
    return undefined;
  }
}

function pem(value: string): string {
  return value.includes("-----BEGIN") ? value : readFileSync(value, "utf8");
}

/** Starts the emulator (SSO portal, SSO-OIDC with its browser pages, STS) on one listener. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const fixtures = loadFixtures(options.fixtures);
  const state = new EmulatorState(fixtures);
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const oidc: OidcContext = {
    state,
    now,
    autoApprove: options.autoApprove ?? false,
    accessTokenTtlMs: (options.accessTokenTtlSeconds ?? 28_800) * 1000,
    refreshTokenTtlMs: (options.refreshTokenTtlSeconds ?? 90 * 86_400) * 1000,
    rotateRefreshToken: options.rotateRefreshToken ?? true,
  };
  const portal: PortalContext = { state, now, roleCredentialTtlMs: (options.roleCredentialTtlSeconds ?? 3600) * 1000 };
  const sts: StsContext = { state, now, assumedRoleTtlMs: options.assumedRoleTtlSeconds !== undefined ? options.assumedRoleTtlSeconds * 1000 : undefined };
  const faults = new FaultPlan(options.faults);
  const throttle = new Throttle(options.throttleRps);

  const sendError = (res: ServerResponse, service: Service, status: number, type: string, message: string) => {
    if (service === "sts") return sendStsError(res, status, type, message);
    // A modeled OIDC error keeps the OIDC shape (error/error_description) whatever path produced it.
    if (service === "oidc" && isOidcErrorType(type)) return sendOidcError(res, type, message);
    sendPortalError(res, status, type, message);
  };

  /** Throttling and injected faults; true when the request was answered (or dropped) here. */
  const interfere = async (req: IncomingMessage, res: ServerResponse, operation: string, service: Service): Promise<boolean> => {
    if (throttle.exceeded(operation, now())) {
      state.throttled[operation] = (state.throttled[operation] ?? 0) + 1;
      if (service === "portal") sendPortalError(res, 429, "TooManyRequestsException", "Too many requests");
      else if (service === "oidc") sendOidcError(res, "SlowDownException", "Too many requests");
      else sendStsError(res, 400, "Throttling", "Rate exceeded");
      return true;
    }
    const fault = faults.next(operation);
    if (!fault) return false;
    if (!(typeof fault === "object" && "delayMs" in fault)) state.faulted[operation] = (state.faulted[operation] ?? 0) + 1;
    if (fault === "reset") {
      req.socket.destroy();
      return true;
    }
    if ("delayMs" in fault) {
      await new Promise((r) => setTimeout(r, fault.delayMs));
      return false;
    }
    sendError(res, service, fault.status, fault.type, fault.message ?? `Injected ${fault.type}`);
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<string> => {
    const url = requestUrl(req.url);
    if (!url) {
      sendJson(res, 400, { message: "Malformed request target" }, "InvalidRequestException");
      return "-";
    }
    const method = req.method ?? "GET";
    const route = API_ROUTES.find(([m, p]) => m === method && url.pathname.endsWith(p));
    let body: string;
    try {
      body = await readBody(req);
    } catch (e) {
      if (!(e instanceof BodyTooLargeError)) throw e;
      const service = route?.[3] ?? (url.pathname === "/" ? "sts" : "portal");
      sendError(res, service, 413, service === "sts" ? "RequestEntityTooLarge" : "InvalidRequestException", "Request body is too large");
      return route?.[2] ?? "-";
    }

    if (url.pathname === "/__emulator/stats" && method === "GET") {
      sendJson(res, 200, { calls: { ...state.counts }, throttled: { ...state.throttled }, faulted: { ...state.faulted } });
      return "-";
    }
    if (url.pathname === "/__emulator/reset" && method === "POST") {
      reset();
      sendJson(res, 200, { reset: true });
      return "-";
    }
    // mintToken for tools that run the emulator as a separate process (benchmarks, scripts).
    if (url.pathname === "/__emulator/mint-token" && method === "POST") {
      const input = parseJsonBody(body);
      if (!input) sendJson(res, 400, { message: "The request body is not a JSON object" }, "InvalidRequestException");
      else sendJson(res, 200, mintToken(input as MintTokenOptions));
      return "-";
    }

    if (url.pathname === "/federation" && method === "GET") return (await import("./federation.js")).handleFederation({ state, now }, req, res, url);
    if (route) {
      const [, , operation, service] = route;
      state.count(operation);
      if (await interfere(req, res, operation, service)) return operation;
      if (service === "portal") {
        if (operation === "GetRoleCredentials") getRoleCredentials(portal, req, res, url);
        else if (operation === "ListAccounts") listAccounts(portal, req, res, url);
        else if (operation === "ListAccountRoles") listAccountRoles(portal, req, res, url);
        else logout(portal, req, res);
        return operation;
      }
      const input = parseJsonBody(body);
      if (!input) {
        sendOidcError(res, "InvalidRequestException", "The request body is not a JSON object");
        return operation;
      }
      if (operation === "RegisterClient") registerClient(oidc, res, input);
      else if (operation === "StartDeviceAuthorization") startDeviceAuthorization(oidc, req, res, input);
      else createToken(oidc, res, input);
      return operation;
    }

    const params = stsParams(req, url, body);
    if (params) {
      const operation = params.get("Action") ?? "";
      state.count(operation);
      if (await interfere(req, res, operation, "sts")) return operation;
      return handleSts(sts, req, res, params, body);
    }

    // The browser side, always at the host root (facts §2.8).
    if (method === "GET" && url.pathname === "/device") deviceCodePage(oidc, res, url);
    else if (method === "POST" && url.pathname === "/device") deviceConfirm(oidc, res, body);
    else if (method === "POST" && url.pathname === "/device/decision") deviceDecision(oidc, res, body);
    else if (method === "GET" && url.pathname === "/authorize") authorize(oidc, res, url);
    else if (method === "POST" && url.pathname === "/authorize/decision") authorizeDecision(oidc, res, body);
    else sendJson(res, 404, { message: `No operation at ${method} ${url.pathname}` }, "UnknownOperationException");
    return "page";
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    let operation = "-";
    // Only method, path and operation: query strings and bodies can carry codes and tokens.
    const path = requestUrl(req.url)?.pathname ?? "-";
    res.on("finish", () => log(`${req.method} ${path} ${operation} ${res.statusCode} ${Date.now() - started}ms`));
    handle(req, res)
      .then((op) => (operation = op))
      .catch((e: unknown) => {
        // The emulator never crashes on input: anything unexpected is a 500 the SDKs retry.
        log(`internal error: ${(e as Error)?.message ?? String(e)}`);
        if (!res.headersSent) sendJson(res, 500, { message: "Internal emulator error" }, "InternalServerException");
        else res.destroy();
      });
  };

  const server: Server = options.tls ? createHttpsServer({ cert: pem(options.tls.cert), key: pem(options.tls.key) }, onRequest) : createHttpServer(onRequest);
  server.on("clientError", (_e, socket) => socket.destroy());
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

  function reset(): void {
    state.clear();
    faults.clear();
    throttle.clear();
  }

  function mintToken(o: MintTokenOptions = {}): MintedToken {
    const at = now();
    const client = state.registerClient({ clientName: "sso-emulator-minted", scopes: ["sso:account:access"], grantTypes: [], redirectUris: [] }, at);
    const startUrl = o.startUrl ?? fixtures.startUrl;
    const session = state.startSession(startUrl, client.clientId, at, oidc.refreshTokenTtlMs);
    const ttlMs = o.accessTokenTtlSeconds !== undefined ? o.accessTokenTtlSeconds * 1000 : oidc.accessTokenTtlMs;
    const tokens = state.issueTokens(session, at, ttlMs, o.withRefreshToken !== false);
    return {
      startUrl,
      region: o.region ?? fixtures.region,
      accessToken: tokens.accessToken,
      expiresAt: isoSeconds(tokens.expiresAt),
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      registrationExpiresAt: isoSeconds(client.expiresAt),
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    };
  }

  return {
    url: `${options.tls ? "https" : "http"}://${shownHost}:${port}`,
    port,
    fixtures,
    stats: () => ({ ...state.counts }),
    interference: () => ({ throttled: { ...state.throttled }, faulted: { ...state.faulted } }),
    reset,
    mintToken,
    failNext: (operation, count, fault, options) => faults.queue(operation, count, fault, options?.after),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
