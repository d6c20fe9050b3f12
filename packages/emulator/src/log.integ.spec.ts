import { GetRoleCredentialsCommand, ListAccountsCommand, LogoutCommand } from "@aws-sdk/client-sso";
import { CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from "@aws-sdk/client-sso-oidc";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./startEmulator.js";
import { clients, raw, stsClient } from "./test-support/helpers.js";
import type { Emulator } from "./types.js";

describe("the request log", () => {
  const lines: string[] = [];
  const secrets: string[] = [];
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator({ log: (line) => lines.push(line) });
  });
  afterAll(() => emu.close());

  it("names method, path, operation and status, and never a token, code or secret value", async () => {
    const { sso, oidc } = clients(emu);
    const keep = <T extends string | undefined>(v: T): T => (v && secrets.push(v), v);

    // Device flow through the pages (user code in the query and in form bodies).
    const reg = await oidc.send(new RegisterClientCommand({ clientName: "log", clientType: "public", scopes: ["sso:account:access"] }));
    const client = { clientId: reg.clientId!, clientSecret: keep(reg.clientSecret!) };
    const auth = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: emu.fixtures.startUrl }));
    keep(auth.deviceCode);
    keep(auth.userCode);
    await raw(emu, `/device?user_code=${auth.userCode}`);
    await raw(emu, "/device", { method: "POST", body: new URLSearchParams({ user_code: auth.userCode! }) });
    await raw(emu, "/device/decision", { method: "POST", body: new URLSearchParams({ user_code: auth.userCode!, decision: "allow" }) });
    const token = await oidc.send(new CreateTokenCommand({ ...client, grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: auth.deviceCode! }));
    const refreshed = await oidc.send(new CreateTokenCommand({ ...client, grantType: "refresh_token", refreshToken: keep(token.refreshToken!) }));
    keep(token.accessToken);
    keep(refreshed.refreshToken);
    const accessToken = keep(refreshed.accessToken!);
    await oidc.send(new CreateTokenCommand({ ...client, grantType: "refresh_token", refreshToken: token.refreshToken! })).catch(() => undefined);

    // PKCE: the code and challenge travel in query strings.
    const pkce = await oidc.send(
      new RegisterClientCommand({ clientName: "log-pkce", clientType: "public", grantTypes: ["authorization_code"], redirectUris: ["http://127.0.0.1/oauth/callback"], scopes: ["sso:account:access"] }),
    );
    keep(pkce.clientSecret);
    const verifier = keep(randomBytes(48).toString("base64url"));
    const challenge = keep(createHash("sha256").update(verifier).digest("base64url"));
    const state = keep(randomBytes(16).toString("hex"));
    const redirectUri = "http://127.0.0.1:9/oauth/callback";
    const page = await raw(emu, `/authorize?${new URLSearchParams({ response_type: "code", client_id: pkce.clientId!, redirect_uri: redirectUri, state, code_challenge_method: "S256", code_challenge: challenge })}`);
    const requestId = keep(/name="request_id" value="([^"]+)"/.exec(page.text)![1]!);
    const decided = await raw(emu, "/authorize/decision", { method: "POST", body: new URLSearchParams({ request_id: requestId, decision: "allow" }), redirect: "manual" });
    const code = keep(new URL(decided.headers.get("location")!).searchParams.get("code")!);
    const pkceToken = await oidc.send(new CreateTokenCommand({ clientId: pkce.clientId!, clientSecret: pkce.clientSecret!, grantType: "authorization_code", code, redirectUri, codeVerifier: verifier }));
    keep(pkceToken.accessToken);

    // Portal and STS, with the role credentials signing (and one wrong-secret call).
    await sso.send(new ListAccountsCommand({ accessToken, maxResults: 1 }));
    const { roleCredentials: rc } = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: "111111111111", roleName: "AdministratorAccess" }));
    const creds = { accessKeyId: rc!.accessKeyId!, secretAccessKey: keep(rc!.secretAccessKey!), sessionToken: keep(rc!.sessionToken!) };
    const sts = stsClient(emu, creds);
    await sts.send(new GetCallerIdentityCommand({}));
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::111111111111:role/Developer", RoleSessionName: "log" }));
    keep(assumed.Credentials!.SecretAccessKey);
    keep(assumed.Credentials!.SessionToken);
    await stsClient(emu, { ...creds, secretAccessKey: "x".repeat(40) }).send(new GetCallerIdentityCommand({})).catch(() => undefined);
    await sso.send(new LogoutCommand({ accessToken }));

    expect(lines.length).toBeGreaterThanOrEqual(18);
    for (const line of lines) {
      expect(line).toMatch(/^(GET|POST) \/\S* \S+ \d{3} \d+ms$/);
      for (const s of secrets) expect(line.includes(s), `a secret value in the log line "${line.slice(0, 30)}…"`).toBe(false);
    }
    expect(secrets.length).toBeGreaterThanOrEqual(18);
    expect(lines.some((l) => /^POST \/token CreateToken 400 /.test(l))).toBe(true);
    expect(lines.some((l) => /^POST \/ GetCallerIdentity 403 /.test(l))).toBe(true);
    expect(lines.some((l) => /^GET \/device page 200 /.test(l))).toBe(true);
    expect(lines.some((l) => /^POST \/logout Logout 200 /.test(l))).toBe(true);
  });
});
