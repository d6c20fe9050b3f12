import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SsoCredsError } from "../errors.js";
import type { RoleCredentials } from "../types.js";
import { containerCredentialsBody } from "./containerCredentialsBody.js";

export interface CredentialServerOptions {
  /** Called per request; pass `keepCredentialsFresh(...).get` so requests are answered from memory. */
  getCredentials: () => Promise<RoleCredentials>;
  /** Default 127.0.0.1. The SDKs accept plain http only to loopback (and the ECS/EKS link-local addresses). */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** The value clients send verbatim as `Authorization` (AWS_CONTAINER_AUTHORIZATION_TOKEN). Default: 32 random bytes, base64url. */
  authToken?: string;
  /** Default "/credentials". */
  path?: string;
  /** A request could not be answered with credentials (the error is also sent to the client, as JSON Code/Message). */
  onError?: (error: unknown) => void;
}

export interface CredentialServer {
  /** For AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  url: string;
  /** For AWS_CONTAINER_AUTHORIZATION_TOKEN. A secret: never log it. */
  authToken: string;
  close(): Promise<void>;
}

// botocore: ContainerProvider; JS SDK: credential-provider-http fromHttp
/**
 * An ECS-style container credential endpoint (aws-sso-facts §7): `GET <url>` with the `Authorization` header answers
 * `{AccessKeyId, SecretAccessKey, Token, Expiration, AccountId}`. Without the header 401, with a wrong one 403,
 * so another local process cannot read the credentials without the token.
 */
export async function startCredentialServer(options: CredentialServerOptions): Promise<CredentialServer> {
  const host = options.host ?? "127.0.0.1";
  const path = options.path ?? "/credentials";
  const authToken = options.authToken ?? randomBytes(32).toString("base64url");
  // botocore refuses a token with CR or LF, the JS SDK one with CRLF; an empty one would mean no check at all.
  if (!authToken || /[\r\n]/.test(authToken)) {
    throw new SsoCredsError("The credential endpoint's authorization token must be non-empty and on one line.", { code: "InvalidAuthToken" });
  }
  const expected = Buffer.from(authToken);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) send(res, 500, { Code: "InternalError", Message: "The credential endpoint failed." });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) return send(res, 404, { Code: "NotFound", Message: `No such path; credentials are served at ${path}.` });
    if (req.method !== "GET") return send(res, 405, { Code: "MethodNotAllowed", Message: "Only GET is supported." }, { Allow: "GET" });
    const given = req.headers.authorization;
    if (given === undefined) return send(res, 401, { Code: "Unauthorized", Message: "The Authorization header is missing (AWS_CONTAINER_AUTHORIZATION_TOKEN)." });
    const presented = Buffer.from(given);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      return send(res, 403, { Code: "AccessDenied", Message: "The Authorization header does not match AWS_CONTAINER_AUTHORIZATION_TOKEN." });
    }
    let creds: RoleCredentials;
    try {
      creds = await options.getCredentials();
    } catch (error) {
      options.onError?.(error);
      // Our errors are one line without secrets by contract; anything else might quote one, so it is not passed on.
      const message = error instanceof SsoCredsError ? error.toUserLine() : "Could not get role credentials.";
      const code = error instanceof SsoCredsError ? error.code : "CredentialsUnavailable";
      return send(res, 500, { Code: code, Message: message });
    }
    send(res, 200, containerCredentialsBody(creds));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}${path}`,
    authToken,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // SDK clients keep connections alive; do not wait for them to go idle.
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}
