import * as sso from "@aws-sdk/client-sso";
import * as oidc from "@aws-sdk/client-sso-oidc";
import * as sts from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "./startEmulator.js";
import { clients, endpointEnv, manualClock, raw, REGION, runPython } from "./test-support/helpers.js";
import type { Emulator, Fault } from "./types.js";

type Service = "sso" | "sso-oidc" | "sts";
interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}
interface Case {
  name: string;
  service: Service;
  op: string;
  params: Record<string, unknown>;
  code: string;
  status: number;
  /** Whether the SDKs model this error (a class of its own); the others arrive as the service's base error. */
  modeled: boolean;
  /** For STS: the credentials the call is signed with (none: unsigned). */
  creds?: Creds;
  /** Queued right before the batch runs, so the case's call is answered with it. */
  fault?: [operation: string, fault: Fault];
}

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

// The botocore side: one process for the whole batch (clients cached), retries off so each case is one request.
const PYTHON = String.raw`
import json, os, re, boto3, botocore
from botocore.config import Config
from botocore.exceptions import ClientError
cases = json.loads(os.environ["CASES"])
clients = {}
def client(c):
    creds = c.get("creds")
    key = (c["service"], json.dumps(creds))
    if key not in clients:
        kw = {"region_name": "us-east-1"}
        cfg = {"retries": {"total_max_attempts": 1}}
        if c["service"] == "sts":
            if creds:
                kw.update(aws_access_key_id=creds["accessKeyId"], aws_secret_access_key=creds["secretAccessKey"], aws_session_token=creds["sessionToken"])
            else:
                cfg["signature_version"] = botocore.UNSIGNED
        clients[key] = boto3.client(c["service"], config=Config(**cfg), **kw)
    return clients[key]
out = []
for c in cases:
    cl = client(c)
    method = re.sub(r"(?<!^)(?=[A-Z])", "_", c["op"]).lower()
    try:
        getattr(cl, method)(**c["params"])
        out.append({"name": c["name"], "ok": True})
    except ClientError as e:
        code = e.response["Error"]["Code"]
        modeled_cls = getattr(cl.exceptions, code, None) if code.endswith("Exception") else None
        out.append({"name": c["name"], "code": code, "message": e.response["Error"].get("Message"), "cls": type(e).__name__,
                    "modeled": modeled_cls is not None and isinstance(e, modeled_cls),
                    "status": e.response["ResponseMetadata"]["HTTPStatusCode"]})
print(json.dumps(out))
`;

describe("every error the emulator answers is parsed to the right class by both SDKs", () => {
  const clock = manualClock();
  let emu: Emulator;
  const made: Record<"js" | "py", Case[]> = { js: [], py: [] };

  beforeAll(async () => {
    emu = await startEmulator({ now: clock.now });
    const { oidc: o, sso: s } = clients(emu);
    const device = await o.send(new oidc.RegisterClientCommand({ clientName: "errors", clientType: "public", scopes: ["sso:account:access"] }));
    const dc = { clientId: device.clientId!, clientSecret: device.clientSecret! };
    const startUrl = emu.fixtures.startUrl;
    const startDevice = () => o.send(new oidc.StartDeviceAuthorizationCommand({ ...dc, startUrl }));
    const minted = emu.mintToken();
    const roleCreds = async (): Promise<Creds> => {
      const { roleCredentials: rc } = await s.send(new sso.GetRoleCredentialsCommand({ accessToken: minted.accessToken, accountId: "111111111111", roleName: "Developer" }));
      return { accessKeyId: rc!.accessKeyId!, secretAccessKey: rc!.secretAccessKey!, sessionToken: rc!.sessionToken! };
    };
    // Issued more than an hour "ago": already expired now.
    clock.set(-3_700_000);
    const expiredCreds = await roleCreds();
    const expiredDevice = await startDevice();
    clock.set(0);
    const denied = await startDevice();
    await raw(emu, "/device/decision", { method: "POST", body: new URLSearchParams({ user_code: denied.userCode!, decision: "deny" }) });

    for (const sdk of ["js", "py"] as const) {
      const pending = await startDevice();
      const creds = await roleCreds();
      const poll = { ...dc, grantType: DEVICE_GRANT };
      made[sdk] = [
        // Errors no input provokes, injected with failNext: they come first so they meet their operation's first call.
        { name: "injected 500", service: "sso-oidc", op: "CreateToken", params: { ...poll, deviceCode: pending.deviceCode }, code: "InternalServerException", status: 500, modeled: true, fault: ["CreateToken", { status: 500, type: "InternalServerException" }] },
        { name: "injected region", service: "sso-oidc", op: "RegisterClient", params: { clientName: "x", clientType: "public" }, code: "InvalidRequestRegionException", status: 400, modeled: true, fault: ["RegisterClient", { status: 400, type: "InvalidRequestRegionException" }] },
        { name: "injected not found", service: "sso", op: "ListAccountRoles", params: { accessToken: minted.accessToken, accountId: "111111111111" }, code: "ResourceNotFoundException", status: 404, modeled: true, fault: ["ListAccountRoles", { status: 404, type: "ResourceNotFoundException" }] },
        { name: "injected 429", service: "sso", op: "GetRoleCredentials", params: { accessToken: minted.accessToken, accountId: "111111111111", roleName: "Developer" }, code: "TooManyRequestsException", status: 429, modeled: true, fault: ["GetRoleCredentials", { status: 429, type: "TooManyRequestsException" }] },
        { name: "sts throttled", service: "sts", op: "GetCallerIdentity", params: {}, creds, code: "Throttling", status: 400, modeled: false, fault: ["GetCallerIdentity", { status: 400, type: "Throttling" }] },

        { name: "confidential client", service: "sso-oidc", op: "RegisterClient", params: { clientName: "x", clientType: "confidential" }, code: "InvalidClientMetadataException", status: 400, modeled: true },
        { name: "bad scope", service: "sso-oidc", op: "RegisterClient", params: { clientName: "x", clientType: "public", scopes: ["not a scope!"] }, code: "InvalidScopeException", status: 400, modeled: true },
        { name: "bad grant type", service: "sso-oidc", op: "RegisterClient", params: { clientName: "x", clientType: "public", grantTypes: ["password"] }, code: "UnsupportedGrantTypeException", status: 400, modeled: true },
        { name: "non-loopback redirect", service: "sso-oidc", op: "RegisterClient", params: { clientName: "x", clientType: "public", grantTypes: ["authorization_code"], redirectUris: ["https://example.com/cb"] }, code: "InvalidRedirectUriException", status: 400, modeled: true },
        { name: "wrong start URL", service: "sso-oidc", op: "StartDeviceAuthorization", params: { ...dc, startUrl: "https://d-9999999999.awsapps.com/start" }, code: "InvalidRequestException", status: 400, modeled: true },
        { name: "wrong client secret", service: "sso-oidc", op: "StartDeviceAuthorization", params: { ...dc, clientSecret: "not-the-secret", startUrl }, code: "InvalidClientException", status: 401, modeled: true },
        { name: "unknown refresh token", service: "sso-oidc", op: "CreateToken", params: { ...dc, grantType: "refresh_token", refreshToken: "aorNOPE" }, code: "InvalidGrantException", status: 400, modeled: true },
        { name: "code grant on a device client", service: "sso-oidc", op: "CreateToken", params: { ...dc, grantType: "authorization_code", code: "x", redirectUri: "http://127.0.0.1:1/oauth/callback", codeVerifier: "v".repeat(43) }, code: "UnauthorizedClientException", status: 400, modeled: true },
        { name: "unknown grant", service: "sso-oidc", op: "CreateToken", params: { ...dc, grantType: "password" }, code: "UnsupportedGrantTypeException", status: 400, modeled: true },
        { name: "pending", service: "sso-oidc", op: "CreateToken", params: { ...poll, deviceCode: pending.deviceCode }, code: "AuthorizationPendingException", status: 400, modeled: true },
        { name: "polled too fast", service: "sso-oidc", op: "CreateToken", params: { ...poll, deviceCode: pending.deviceCode }, code: "SlowDownException", status: 400, modeled: true },
        { name: "expired device code", service: "sso-oidc", op: "CreateToken", params: { ...poll, deviceCode: expiredDevice.deviceCode }, code: "ExpiredTokenException", status: 400, modeled: true },
        { name: "denied", service: "sso-oidc", op: "CreateToken", params: { ...poll, deviceCode: denied.deviceCode }, code: "AccessDeniedException", status: 400, modeled: true },

        { name: "unknown access token", service: "sso", op: "ListAccounts", params: { accessToken: "aoaNOPE" }, code: "UnauthorizedException", status: 401, modeled: true },
        { name: "bad next token", service: "sso", op: "ListAccounts", params: { accessToken: minted.accessToken, nextToken: "garbage" }, code: "InvalidRequestException", status: 400, modeled: true },
        { name: "logout, unknown token", service: "sso", op: "Logout", params: { accessToken: "aoaNOPE" }, code: "UnauthorizedException", status: 401, modeled: true },
        // What the real portal answers for a role not assigned to the user: an unmodeled ForbiddenException.
        { name: "unassigned role", service: "sso", op: "GetRoleCredentials", params: { accessToken: minted.accessToken, accountId: "222222222222", roleName: "AdministratorAccess" }, code: "ForbiddenException", status: 403, modeled: false },

        { name: "unknown key", service: "sts", op: "GetCallerIdentity", params: {}, creds: { ...creds, accessKeyId: "ASIAUNKNOWNUNKNOWN00" }, code: "InvalidClientTokenId", status: 403, modeled: false },
        { name: "wrong secret", service: "sts", op: "GetCallerIdentity", params: {}, creds: { ...creds, secretAccessKey: "x".repeat(40) }, code: "SignatureDoesNotMatch", status: 403, modeled: false },
        { name: "expired credentials", service: "sts", op: "GetCallerIdentity", params: {}, creds: expiredCreds, code: "ExpiredToken", status: 400, modeled: false },
        { name: "role not assumable", service: "sts", op: "AssumeRole", params: { RoleArn: "arn:aws:iam::999999999999:role/Nope", RoleSessionName: "errs" }, creds, code: "AccessDenied", status: 403, modeled: false },
        { name: "chained duration", service: "sts", op: "AssumeRole", params: { RoleArn: "arn:aws:iam::111111111111:role/Developer", RoleSessionName: "errs", DurationSeconds: 7200 }, creds, code: "ValidationError", status: 400, modeled: false },
      ];
    }
    // The unsigned request: botocore can send one (UNSIGNED), the JS STS client always signs (sigv4.integ.spec covers it raw).
    made.py.push({ name: "unsigned", service: "sts", op: "GetCallerIdentity", params: {}, code: "MissingAuthenticationToken", status: 403, modeled: false });
  });
  afterAll(() => emu.close());

  const queueFaults = (cases: Case[]) => cases.forEach((c) => c.fault && emu.failNext(c.fault[0], 1, c.fault[1]));
  // A stopped clock: "pending" then "polled too fast" must not depend on how fast this machine is.
  beforeEach(() => clock.freeze());
  afterEach(() => clock.thaw());

  it("AWS SDK for JavaScript v3: instanceof the exported class, readable message, right status", async () => {
    const cases = made.js;
    queueFaults(cases);
    const { oidc: o, sso: s } = clients(emu);
    const jsClass: Record<Service, Record<string, unknown>> = { sso, "sso-oidc": oidc, sts };
    const base = { sso: sso.SSOServiceException, "sso-oidc": oidc.SSOOIDCServiceException, sts: sts.STSServiceException };
    for (const c of cases) {
      const Command = (jsClass[c.service] as Record<string, new (input: unknown) => never>)[`${c.op}Command`]!;
      const client = c.service === "sso" ? s : c.service === "sso-oidc" ? o : new sts.STSClient({ region: REGION, endpoint: emu.url, maxAttempts: 1, credentials: c.creds! });
      let error: (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
      try {
        await (client as { send: (c: unknown) => Promise<unknown> }).send(new Command(c.params));
      } catch (e) {
        error = e as Error;
      }
      expect(error, c.name).toBeDefined();
      expect({ case: c.name, name: error!.name, status: error!.$metadata?.httpStatusCode }).toEqual({ case: c.name, name: c.code, status: c.status });
      expect(error, c.name).toBeInstanceOf(base[c.service]);
      if (c.modeled) expect(error, c.name).toBeInstanceOf(jsClass[c.service][c.code] as new () => unknown);
      expect(error!.message, c.name).not.toBe("UnknownError");
      expect(error!.message.length, c.name).toBeGreaterThan(5);
    }
  });

  it("botocore: e.response Error Code, the modeled client.exceptions class, right status", async () => {
    const cases = made.py;
    queueFaults(cases);
    const results = (await runPython(PYTHON, { ...endpointEnv(emu), CASES: JSON.stringify(cases.map(({ fault: _f, ...c }) => c)) })) as Array<Record<string, unknown>>;
    expect(results).toHaveLength(cases.length);
    results.forEach((r, i) => {
      const c = cases[i]!;
      expect({ case: r.name, code: r.code, status: r.status, modeled: r.modeled }).toEqual({ case: c.name, code: c.code, status: c.status, modeled: c.modeled });
      expect(r.cls, c.name).toBe(c.modeled ? c.code : "ClientError");
      expect(String(r.message).length, c.name).toBeGreaterThan(5);
    });
  });
});
