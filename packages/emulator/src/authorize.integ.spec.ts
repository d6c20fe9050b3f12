import { GetRoleCredentialsCommand } from "@aws-sdk/client-sso";
import { CreateTokenCommand, RegisterClientCommand } from "@aws-sdk/client-sso-oidc";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./startEmulator.js";
import { clients, manualClock, raw } from "./test-support/helpers.js";
import type { Emulator } from "./types.js";

describe("/authorize with autoApprove (no browser): the redirect back, and what it refuses", () => {
  let emu: Emulator;
  let pkce: { clientId: string; clientSecret: string };
  let device: { clientId: string; clientSecret: string };
  const verifier = randomBytes(48).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");

  beforeAll(async () => {
    emu = await startEmulator({ autoApprove: true });
    const { oidc } = clients(emu);
    const reg = await oidc.send(
      new RegisterClientCommand({ clientName: "auto", clientType: "public", grantTypes: ["authorization_code", "refresh_token"], redirectUris: ["http://127.0.0.1/oauth/callback"], scopes: ["sso:account:access"] }),
    );
    pkce = { clientId: reg.clientId!, clientSecret: reg.clientSecret! };
    const d = await oidc.send(new RegisterClientCommand({ clientName: "device", clientType: "public" }));
    device = { clientId: d.clientId!, clientSecret: d.clientSecret! };
  });
  afterAll(() => emu.close());

  /** The authorize URL exactly as the AWS CLI builds it (facts §2.8): `scopes` plural, code_challenge appended last. */
  const authorize = async (over: Record<string, string> = {}, clientId = pkce.clientId) => {
    const params = { response_type: "code", client_id: clientId, redirect_uri: "http://127.0.0.1:53211/oauth/callback", state: randomUUID(), code_challenge_method: "S256", scopes: "sso:account:access", ...over };
    const res = await raw(emu, `/authorize?${new URLSearchParams(params).toString().replace(/\+/g, "%20")}&code_challenge=${over.code_challenge ?? challenge}`, { redirect: "manual" });
    return { ...res, state: params.state, location: res.headers.get("location") ? new URL(res.headers.get("location")!) : undefined };
  };

  it("redirects straight to the loopback redirect with code and state; the code is exchanged once", async () => {
    const r = await authorize();
    expect(r.status).toBe(302);
    expect(`${r.location!.origin}${r.location!.pathname}`).toBe("http://127.0.0.1:53211/oauth/callback");
    expect(r.location!.searchParams.get("state")).toBe(r.state);
    const code = r.location!.searchParams.get("code")!;
    const { oidc, sso } = clients(emu);
    const token = await oidc.send(new CreateTokenCommand({ ...pkce, grantType: "authorization_code", code, redirectUri: "http://127.0.0.1:53211/oauth/callback", codeVerifier: verifier }));
    const rc = await sso.send(new GetRoleCredentialsCommand({ accessToken: token.accessToken!, accountId: "222222222222", roleName: "Developer" }));
    expect(rc.roleCredentials?.accessKeyId).toMatch(/^ASIA/);
  });

  it("keeps a query the redirect URI already has", async () => {
    const r = await authorize({ redirect_uri: "http://127.0.0.1:53211/oauth/callback?session=abc" });
    expect(r.location!.searchParams.get("session")).toBe("abc");
    expect(r.location!.searchParams.get("code")).toBeTruthy();
    expect(r.location!.search.split("?")).toHaveLength(2);
  });

  it("errors go back to the client as OAuth error parameters; unknown clients and redirects are shown, not followed", async () => {
    expect((await authorize({ response_type: "token" })).location!.searchParams.get("error")).toBe("unsupported_response_type");
    expect((await authorize({ code_challenge_method: "plain" })).location!.searchParams.get("error")).toBe("invalid_request");
    expect((await authorize({ code_challenge: "short" })).location!.searchParams.get("error")).toBe("invalid_request");
    const noGrant = await authorize({}, device.clientId);
    expect(noGrant.status).toBe(400); // the device client registered no redirect URI
    const unknown = await authorize({}, "cid-unknown");
    expect(unknown.status).toBe(400);
    expect(unknown.location).toBeUndefined();
    expect(unknown.text).toContain("Unknown or expired client.");
    const elsewhere = await authorize({ redirect_uri: "http://evil.example/oauth/callback" });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.location).toBeUndefined();
  });

  it("a code past its 5 minutes is ExpiredTokenException", async () => {
    const clock = manualClock();
    const e2 = await startEmulator({ autoApprove: true, now: clock.now });
    try {
      const { oidc } = clients(e2);
      const reg = await oidc.send(new RegisterClientCommand({ clientName: "late", clientType: "public", grantTypes: ["authorization_code"], redirectUris: ["http://127.0.0.1/cb"] }));
      const res = await raw(e2, `/authorize?response_type=code&client_id=${reg.clientId}&redirect_uri=${encodeURIComponent("http://127.0.0.1:1/cb")}&code_challenge_method=S256&code_challenge=${challenge}`, { redirect: "manual" });
      const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
      clock.advance(5 * 60_000 + 1);
      await expect(
        oidc.send(new CreateTokenCommand({ clientId: reg.clientId!, clientSecret: reg.clientSecret!, grantType: "authorization_code", code, redirectUri: "http://127.0.0.1:1/cb", codeVerifier: verifier })),
      ).rejects.toMatchObject({ name: "ExpiredTokenException" });
    } finally {
      await e2.close();
    }
  });
});

describe("/federation (console sign-in)", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it("getSigninToken takes credentials it issued; login names account and role; reset kills the token", async () => {
    const { roleCredentials: rc } = await clients(emu).sso.send(new GetRoleCredentialsCommand({ accessToken: emu.mintToken().accessToken, accountId: "333333333333", roleName: "ReadOnlyAccess" }));
    const session = (over: Record<string, string> = {}) => encodeURIComponent(JSON.stringify({ sessionId: rc!.accessKeyId, sessionKey: rc!.secretAccessKey, sessionToken: rc!.sessionToken, ...over }));
    const bad = await raw(emu, `/federation?Action=getSigninToken&Session=${session({ sessionKey: "wrong" })}`);
    expect(bad.status).toBe(400);
    expect((await raw(emu, "/federation?Action=getSigninToken&Session=%7Bnot")).status).toBe(400);
    const ok = await raw(emu, `/federation?Action=getSigninToken&SessionDuration=3600&Session=${session()}`);
    const { SigninToken } = JSON.parse(ok.text) as { SigninToken: string };
    const login = `/federation?Action=login&Issuer=integ&Destination=${encodeURIComponent("https://console.aws.amazon.com/")}&SigninToken=${SigninToken}`;
    const page = await raw(emu, login);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<p id="account">Account: 333333333333</p>');
    expect(page.text).toMatch(/<p id="role">Role: AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}<\/p>/);
    emu.reset();
    expect((await raw(emu, login)).status).toBe(400);
  });
});
