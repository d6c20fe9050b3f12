import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A minimal loopback SSO portal + SSO-OIDC (GetRoleCredentials, CreateToken refresh_token) + STS GetCallerIdentity
 * that counts calls.
 * Used until packages/emulator is built; it speaks the wire format of aws-sso-facts §1–2 so real SDK clients work.
 */
export interface FakeSso {
  url: string;
  stats(): Record<string, number>;
  /** Register an access token (and optional refresh token) the server accepts. */
  allowAccessToken(token: string): void;
  allowRefreshToken(token: string): void;
  /** Make the next n calls of an operation fail with this status and error type ("network" closes the socket). */
  failNext(op: "CreateToken" | "GetRoleCredentials", n: number, error: { status: number; type: string } | "network"): void;
  close(): Promise<void>;
}

export interface FakeSsoOptions {
  /** Epoch ms used for credential expirations. */
  now?: () => number;
  roleCredentialTtlSeconds?: number;
  accessTokenTtlSeconds?: number;
  /** Delay every response (widens race windows in concurrency tests). */
  delayMs?: number;
  /** Accounts → roles that exist. */
  roles?: Record<string, string[]>;
  /** Rotate the refresh token on each refresh (real AWS does). */
  rotateRefreshToken?: boolean;
}

export async function startFakeSso(options: FakeSsoOptions = {}): Promise<FakeSso> {
  const now = options.now ?? Date.now;
  const roles = options.roles ?? { "111111111111": ["AdministratorAccess", "ReadOnlyAccess"], "222222222222": ["Developer"] };
  const counts: Record<string, number> = {};
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const issuedKeys = new Map<string, string>();
  // STS GetCallerIdentity (query protocol): proves an SDK client signed with credentials we issued. The signature
  // itself is not checked; the access key id in the Authorization header is.
  const getCallerIdentity = (req: IncomingMessage, res: ServerResponse) => {
    count("GetCallerIdentity");
    const keyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const account = issuedKeys.get(keyId);
    if (!account) {
      res.writeHead(403, { "content-type": "text/xml" }).end(
        "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>",
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/xml" }).end(
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::${account}:assumed-role/Fake/session</Arn><UserId>AROAFAKE:session</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  };
  const failures: Record<string, Array<{ status: number; type: string } | "network">> = { CreateToken: [], GetRoleCredentials: [] };

  const count = (op: string) => (counts[op] = (counts[op] ?? 0) + 1);
  const send = (res: ServerResponse, status: number, body: unknown, type?: string) => {
    const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-requestid": randomBytes(8).toString("hex") };
    if (type) headers["x-amzn-errortype"] = type;
    res.writeHead(status, headers).end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/" && new URLSearchParams(body).get("Action") === "GetCallerIdentity") {
      return getCallerIdentity(req, res);
    }
    const op = req.method === "POST" && url.pathname === "/token" ? "CreateToken" : req.method === "GET" && url.pathname === "/federation/credentials" ? "GetRoleCredentials" : undefined;
    if (!op) return send(res, 404, { message: "no route" });
    count(op);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const failure = failures[op]?.shift();
    if (failure === "network") return req.socket.destroy();
    if (failure) return send(res, failure.status, { message: `injected ${failure.type}`, error: "x", error_description: `injected ${failure.type}` }, failure.type);

    if (op === "CreateToken") {
      const input = JSON.parse(body || "{}") as Record<string, string>;
      if (input.grantType !== "refresh_token" || !input.refreshToken || !refreshTokens.has(input.refreshToken)) {
        return send(res, 400, { error: "invalid_grant", error_description: "Invalid refresh token", message: "Invalid refresh token" }, "InvalidGrantException");
      }
      const accessToken = `aoa-${randomBytes(12).toString("hex")}`;
      accessTokens.add(accessToken);
      const out: Record<string, unknown> = { accessToken, tokenType: "Bearer", expiresIn: options.accessTokenTtlSeconds ?? 28800 };
      if (options.rotateRefreshToken !== false) {
        refreshTokens.delete(input.refreshToken);
        const next = `aor-${randomBytes(12).toString("hex")}`;
        refreshTokens.add(next);
        out.refreshToken = next;
      }
      return send(res, 200, out);
    }
    const bearer = req.headers["x-amz-sso_bearer_token"];
    if (typeof bearer !== "string" || !accessTokens.has(bearer)) {
      return send(res, 401, { message: "Session token not found or invalid" }, "UnauthorizedException");
    }
    const accountId = url.searchParams.get("account_id") ?? "";
    const roleName = url.searchParams.get("role_name") ?? "";
    if (!roles[accountId]?.includes(roleName)) return send(res, 404, { message: "No access" }, "ResourceNotFoundException");
    const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
    issuedKeys.set(accessKeyId, accountId);
    return send(res, 200, {
      roleCredentials: {
        accessKeyId,
        secretAccessKey: randomBytes(20).toString("base64"),
        sessionToken: randomBytes(32).toString("base64"),
        expiration: now() + (options.roleCredentialTtlSeconds ?? 3600) * 1000,
      },
    });
  };

  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      handle(req, res, body).catch(() => send(res, 500, { message: "fake server error" }, "InternalServerException"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ ...counts }),
    allowAccessToken: (t) => void accessTokens.add(t),
    allowRefreshToken: (t) => void refreshTokens.add(t),
    failNext: (op, n, error) => {
      for (let i = 0; i < n; i++) failures[op]?.push(error);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
