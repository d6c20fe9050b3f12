import type { CoreDeps } from "../deps.js";
import { CredentialsError, ServiceError, SsoCredsError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { networkGet } from "../network/networkGet.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";
import { describeNetworkFailure } from "../network/networkFailure.js";
import type { RoleCredentials } from "../types.js";

/** AWS's federation endpoint; SSO_CREDS_FEDERATION_ENDPOINT points it elsewhere (the emulator in tests). */
export const DEFAULT_FEDERATION_ENDPOINT = "https://signin.aws.amazon.com";
export const FEDERATION_ENDPOINT_ENV = "SSO_CREDS_FEDERATION_ENDPOINT";

export interface ConsoleSigninOptions extends NetworkOptions {
  /** Console page to land on; default the console home (in `region` when given). */
  destination?: string | undefined;
  region?: string | undefined;
  /** Shown by AWS when the console session ends; default "sso-creds". */
  issuer?: string | undefined;
  /** The profile the credentials came from, for the fix hint. */
  profileName?: string | undefined;
}

/**
 * A one-time AWS console sign-in URL for role credentials, by AWS's federation flow: GET
 * <endpoint>/federation?Action=getSigninToken&Session={sessionId,sessionKey,sessionToken} → SigninToken, then
 * <endpoint>/federation?Action=login&Issuer&Destination&SigninToken. The URL grants console access for 15 minutes:
 * callers print it only where the user asked for it.
 */
export async function consoleSigninUrl(deps: Pick<CoreDeps, "env" | "fs" | "fetch">, credentials: RoleCredentials, options: ConsoleSigninOptions = {}): Promise<string> {
  const endpoint = (deps.env[FEDERATION_ENDPOINT_ENV] || DEFAULT_FEDERATION_ENDPOINT).replace(/\/+$/, "");
  const session = JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken });
  const tokenUrl = `${endpoint}/federation?${new URLSearchParams({ Action: "getSigninToken", Session: session })}`;
  let res: { ok: boolean; status: number };
  let body: string;
  try {
    if (deps.fetch) {
      const r = await deps.fetch(tokenUrl, { signal: AbortSignal.timeout(15_000) });
      res = r;
      body = await r.text();
    } else {
      const r = await networkGet(deps, tokenUrl, { caBundle: options.caBundle, timeoutMs: 15_000 });
      res = { ok: r.status >= 200 && r.status < 300, status: r.status };
      body = r.body;
    }
  } catch (e) {
    if (e instanceof SsoCredsError) throw e; // an unreadable CA bundle
    const failure = describeNetworkFailure(e);
    if (failure) {
      throw new ServiceError(`Could not reach the AWS federation endpoint ${endpoint}: ${failure.reason}.`, {
        code: failure.code === "DnsFailure" ? "NetworkError" : failure.code,
        ...(failure.fix ? { fix: failure.fix } : {}),
      });
    }
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code ?? (e as Error).name;
    throw new ServiceError(`Could not reach the AWS federation endpoint ${endpoint} (${cause}).`, { code: "NetworkError" });
  }
  let signinToken: unknown;
  try {
    signinToken = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
  } catch {
    signinToken = undefined;
  }
  if (!res.ok || typeof signinToken !== "string" || signinToken === "") {
    throw new CredentialsError(`The AWS federation endpoint ${endpoint} refused the role credentials for account ${credentials.accountId} (HTTP ${res.status}).`, {
      code: "SigninTokenRefused",
      fix: options.profileName ? `sso login --profile ${shellQuote(options.profileName)}` : "sso login",
    });
  }
  const region = options.region;
  const destination =
    options.destination ?? (region ? `https://${region}.console.aws.amazon.com/console/home?region=${encodeURIComponent(region)}` : "https://console.aws.amazon.com/");
  return `${endpoint}/federation?${new URLSearchParams({ Action: "login", Issuer: options.issuer ?? "sso-creds", Destination: destination, SigninToken: signinToken })}`;
}
