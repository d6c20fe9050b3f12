import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { issueCredentials } from "./portal.js";
import { parseAmzDate, parseAuthorization, signatureMatches } from "./sigv4.js";
import type { EmulatorState, IssuedCredentials } from "./state.js";

export interface StsContext {
  state: EmulatorState;
  now: () => number;
  /** Overrides the lifetime of AssumeRole credentials (DurationSeconds is still validated). */
  assumedRoleTtlMs?: number | undefined;
}

const NS = "https://sts.amazonaws.com/doc/2011-06-15/";
// STS refuses signatures older or newer than this (clock skew).
const MAX_SKEW_MS = 15 * 60_000;
const ROLE_CHAINING_MAX_S = 3600;

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

/** STS's query-protocol error document; both SDKs read the code from the body (x-amzn-errortype added for uniformity). */
export function sendStsError(res: ServerResponse, status: number, code: string, message: string): void {
  const requestId = randomUUID();
  res
    .writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": requestId, "x-amzn-errortype": code })
    .end(
      `<ErrorResponse xmlns="${NS}">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${code}</Code>\n    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
    );
}

function sendStsResult(res: ServerResponse, action: string, inner: string): void {
  const requestId = randomUUID();
  res
    .writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": requestId })
    .end(`<${action}Response xmlns="${NS}">\n  <${action}Result>\n${inner}  </${action}Result>\n  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`);
}

/** The action named by a POST form body or a GET query string, if this looks like an STS request at all. */
export function stsParams(req: IncomingMessage, url: URL, body: string): URLSearchParams | undefined {
  if (url.pathname !== "/") return undefined;
  const params = req.method === "POST" ? new URLSearchParams(body) : url.searchParams;
  return params.has("Action") ? params : undefined;
}

export async function handleSts(ctx: StsContext, req: IncomingMessage, res: ServerResponse, params: URLSearchParams, body: string): Promise<string> {
  const action = params.get("Action") ?? "";
  if (params.get("Version") !== "2011-06-15") {
    sendStsError(res, 400, "InvalidAction", `Could not find operation ${action} for version ${params.get("Version") ?? "NO_VERSION_SPECIFIED"}`);
    return action;
  }
  if (action !== "GetCallerIdentity" && action !== "AssumeRole") {
    sendStsError(res, 400, "InvalidAction", `Could not find operation ${action} for version 2011-06-15`);
    return action;
  }
  const caller = await authenticate(ctx, req, res, body);
  if (!caller) return action;
  if (action === "GetCallerIdentity") {
    sendStsResult(res, action, `    <Arn>${xmlEscape(caller.assumedRoleArn)}</Arn>\n    <UserId>${xmlEscape(caller.assumedRoleId)}</UserId>\n    <Account>${caller.accountId}</Account>\n`);
  } else {
    assumeRole(ctx, res, params, caller);
  }
  return action;
}

/** SigV4 against the credentials this emulator issued; STS's own error for each way it can fail. */
async function authenticate(ctx: StsContext, req: IncomingMessage, res: ServerResponse, body: string): Promise<IssuedCredentials | undefined> {
  const header = req.headers.authorization;
  if (!header) {
    sendStsError(res, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    return undefined;
  }
  const auth = parseAuthorization(header);
  if (!auth || auth.service !== "sts") {
    sendStsError(res, 400, "IncompleteSignature", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters for AWS4-HMAC-SHA256 scoped to sts.");
    return undefined;
  }
  const creds = ctx.state.credentials.get(auth.accessKeyId);
  const tokenHeader = req.headers["x-amz-security-token"];
  if (!creds || tokenHeader !== creds.sessionToken) {
    sendStsError(res, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    return undefined;
  }
  const amzDate = req.headers["x-amz-date"];
  const signedAt = parseAmzDate(typeof amzDate === "string" ? amzDate : undefined);
  if (!signedAt || Math.abs(signedAt.getTime() - ctx.now()) > MAX_SKEW_MS) {
    sendStsError(res, 403, "SignatureDoesNotMatch", "Signature expired: the request time is more than 15 minutes from the server time.");
    return undefined;
  }
  if (!auth.signedHeaders.includes("host") || !(await signatureMatches(req, body, auth, creds))) {
    sendStsError(
      res,
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
    return undefined;
  }
  if (creds.expiresAt <= ctx.now()) {
    sendStsError(res, 400, "ExpiredToken", "The security token included in the request is expired");
    return undefined;
  }
  return creds;
}

function assumeRole(ctx: StsContext, res: ServerResponse, params: URLSearchParams, caller: IssuedCredentials): void {
  const roleArn = params.get("RoleArn");
  const sessionName = params.get("RoleSessionName");
  if (!roleArn || !sessionName) return sendStsError(res, 400, "MissingParameter", `The request must contain the parameter ${roleArn ? "RoleSessionName" : "RoleArn"}`);
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) return sendStsError(res, 400, "ValidationError", "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint");
  const duration = Number(params.get("DurationSeconds") ?? 3600);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    return sendStsError(res, 400, "ValidationError", "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
  }
  // Every caller here already holds role credentials, so this is role chaining: one hour at most.
  if (duration > ROLE_CHAINING_MAX_S) return sendStsError(res, 400, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  const m = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(roleArn);
  const account = m && ctx.state.fixtures.accounts.find((a) => a.accountId === m[1]);
  const extra = ctx.state.fixtures.assumableRoles?.find((r) => r.roleArn === roleArn);
  const denied = () => sendStsError(res, 403, "AccessDenied", `User: ${caller.assumedRoleArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  if (!m || (!extra && !account?.roles.includes(m[2]!))) return denied();
  if (extra?.externalId !== undefined && params.get("ExternalId") !== extra.externalId) return denied();
  if (extra?.mfaSerial !== undefined) {
    if (params.get("SerialNumber") !== extra.mfaSerial || params.get("TokenCode") !== (extra.mfaCode ?? "123456")) {
      return sendStsError(res, 403, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    }
  }
  const roleId = `AROA${randomBytes(10).toString("hex").toUpperCase().slice(0, 17)}`;
  const creds = issueCredentials(ctx.state, {
    accountId: m[1]!,
    expiresAt: ctx.now() + (ctx.assumedRoleTtlMs ?? duration * 1000),
    assumedRoleArn: `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/${sessionName}`,
    assumedRoleId: `${roleId}:${sessionName}`,
  });
  const expiration = new Date(creds.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z");
  sendStsResult(
    res,
    "AssumeRole",
    `    <AssumedRoleUser>\n      <AssumedRoleId>${xmlEscape(creds.assumedRoleId)}</AssumedRoleId>\n      <Arn>${xmlEscape(creds.assumedRoleArn)}</Arn>\n    </AssumedRoleUser>\n` +
      `    <Credentials>\n      <AccessKeyId>${creds.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${xmlEscape(creds.secretAccessKey)}</SecretAccessKey>\n      <SessionToken>${xmlEscape(creds.sessionToken)}</SessionToken>\n      <Expiration>${expiration}</Expiration>\n    </Credentials>\n`,
  );
}
