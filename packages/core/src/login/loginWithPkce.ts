import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CoreDeps } from "../deps.js";
import { TokenError } from "../errors.js";
import { loginFixCommand } from "../token/index.js";
import type { SsoSession, SsoToken } from "../types.js";
import { authorizeUrl, defaultOidcEndpoint } from "./authorizeUrl.js";
import { createOidcClient } from "./oidcClient.js";
import { createPkcePair } from "./pkce.js";
import { DEFAULT_SCOPES } from "./constants.js";
import { registerClient } from "./registerClient.js";
import { saveLoginToken } from "./saveLoginToken.js";
import { toServiceError } from "../aws-errors/index.js";
import { abortError } from "../util/sleep.js";
import { tokenFromCreateToken } from "./tokenFromCreateToken.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";

export interface PkceOptions extends NetworkOptions {
  oidcEndpoint?: string | undefined;
  /** Open (or print) the authorization URL; called once the loopback listener is ready. */
  openUrl: (url: string) => void | Promise<void>;
  signal?: AbortSignal | undefined;
  /** How long to wait for the browser to come back (the AWS CLI waits 600 s). */
  timeoutMs?: number;
}

export const CALLBACK_PATH = "/oauth/callback";

const DONE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>sso-creds</title></head>
<body style="font-family:sans-serif;margin:3em"><h2>Login complete</h2><p>You can close this tab and return to the terminal.</p></body></html>`;
const FAILED_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>sso-creds</title></head>
<body style="font-family:sans-serif;margin:3em"><h2>Login failed</h2><p>You can close this tab; the terminal says what went wrong.</p></body></html>`;

/**
 * Log in with the authorization-code grant and PKCE, as AWS CLI v2 does by default: a loopback listener on
 * 127.0.0.1 (any free port), the authorize URL opened in a browser, `state` checked, then CreateToken with the
 * code, the with-port redirect URI and the verifier. The token is written to the shared cache.
 */
export async function loginWithPkce(deps: CoreDeps, session: SsoSession, options: PkceOptions): Promise<SsoToken> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const registration = await registerClient(deps, session, { oidcEndpoint: options.oidcEndpoint, caBundle: options.caBundle, flow: "pkce" });
  const { codeVerifier, codeChallenge } = createPkcePair();
  const state = randomUUID();

  let settle!: { resolve: (code: string) => void; reject: (e: Error) => void };
  const codePromise = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  codePromise.catch(() => undefined); // rejections are observed below; avoid an unhandled-rejection warning meanwhile
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    const q = url.searchParams;
    const page = (ok: boolean) => res.writeHead(ok ? 200 : 400, { "content-type": "text/html; charset=utf-8", connection: "close" }).end(ok ? DONE_PAGE : FAILED_PAGE);
    if (q.get("error")) {
      page(false);
      const desc = q.get("error_description");
      settle.reject(
        new TokenError(`The authorization was not granted (${q.get("error")}${desc ? `: ${desc.slice(0, 200)}` : ""}).`, {
          code: "AuthorizationDenied",
          fix: loginFixCommand(session),
        }),
      );
    } else if (q.get("state") !== state) {
      page(false);
      settle.reject(new TokenError("The browser returned a login response that does not belong to this login (state mismatch).", { code: "StateMismatch", fix: loginFixCommand(session) }));
    } else if (q.get("code")) {
      page(true);
      settle.resolve(q.get("code") as string);
    } else {
      page(false);
      settle.reject(new TokenError("The browser returned no authorization code.", { code: "AuthorizationCodeMissing", fix: loginFixCommand(session) }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;

  const timer = setTimeout(
    () =>
      settle.reject(
        new TokenError(`No login came back from the browser within ${Math.round(timeoutMs / 1000)} s.`, {
          code: "PendingAuthorizationExpired",
          fix: `${loginFixCommand(session)} --use-device-code`,
        }),
      ),
    timeoutMs,
  );
  const onAbort = () => settle.reject(abortError());
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  try {
    await options.openUrl(
      authorizeUrl({
        oidcEndpoint: options.oidcEndpoint ?? defaultOidcEndpoint(session.region),
        clientId: registration.clientId,
        redirectUri,
        state,
        codeChallenge,
        scopes: registration.scopes ?? (session.registrationScopes?.length ? session.registrationScopes : DEFAULT_SCOPES),
      }),
    );
    const code = await codePromise;
    const { client, sdk } = await createOidcClient(deps, session.region, options.oidcEndpoint, { caBundle: options.caBundle });
    let out;
    try {
      out = await client.send(
        new sdk.CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: "authorization_code",
          code,
          redirectUri,
          codeVerifier,
        }),
      );
    } catch (e) {
      if ((e as { name?: string }).name === "ExpiredTokenException") {
        throw new TokenError("The authorization code expired before it could be exchanged.", { code: "PendingAuthorizationExpired", fix: loginFixCommand(session) });
      }
      throw toServiceError(e, { service: "sso_oidc", operation: "CreateToken", endpoint: options.oidcEndpoint, region: session.region }, loginFixCommand(session));
    } finally {
      client.destroy();
    }
    const token = tokenFromCreateToken(session, registration, out, deps.now());
    await saveLoginToken(deps, session, token);
    return token;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
