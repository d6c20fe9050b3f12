import type { ServerResponse } from "node:http";
import { parseForm, redirect, sendHtml } from "./http.js";
import { redirectUriAllowed, type OidcContext } from "./oidc.js";
import { token } from "./state.js";

const AUTH_CODE_TTL_MS = 5 * 60_000;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · IAM Identity Center emulator</title>
<style>
body{font-family:system-ui,sans-serif;background:#f2f3f3;margin:0;color:#16191f}
main{max-width:28rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin-top:0} .code{font:600 1.6rem ui-monospace,monospace;letter-spacing:.1em}
input{font:1.2rem ui-monospace,monospace;padding:.4rem;width:12rem;text-transform:uppercase}
button{font-size:1rem;padding:.5rem 1.2rem;margin:.8rem .6rem 0 0;border-radius:4px;border:1px solid #888;background:#fff;cursor:pointer}
button.primary{background:#ec7211;border-color:#ec7211;color:#fff} .error{color:#d13212} .muted{color:#5f6b7a;font-size:.9rem}
</style></head><body><main>
<h1>${escapeHtml(title)}</h1>
${body}
<p class="muted">Local IAM Identity Center emulator (sso-creds). Nothing leaves this machine.</p>
</main></body></html>`;
}

function signedInAs(ctx: OidcContext): string {
  return `<p class="muted">Signed in as <strong>${escapeHtml(ctx.state.fixtures.user.userName)}</strong></p>`;
}

function codeForm(userCode: string, error?: string): string {
  return `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/device">
<p><label for="user_code">Enter the code shown by your command line</label></p>
<input id="user_code" name="user_code" autocomplete="off" value="${escapeHtml(userCode)}">
<div><button class="primary" type="submit">Confirm and continue</button></div>
</form>`;
}

/** GET /device?user_code=…: step 1 of the device flow, enter or confirm the code. */
export function deviceCodePage(ctx: OidcContext, res: ServerResponse, url: URL): void {
  sendHtml(res, 200, page("Authorize request", signedInAs(ctx) + codeForm(url.searchParams.get("user_code") ?? "")));
}

function findDeviceAuthorization(ctx: OidcContext, userCode: string) {
  const wanted = userCode.trim().toUpperCase().replace(/[^A-Z]/g, "");
  for (const auth of ctx.state.deviceAuthorizations.values()) {
    // Once allowed or denied, the code is spent: the page does not offer the decision again.
    if (auth.userCode.replace("-", "") === wanted && auth.expiresAt > ctx.now() && !auth.redeemed && auth.decision === undefined) return auth;
  }
  return undefined;
}

/** POST /device: step 2, the code matched a pending request; ask to allow or deny it. */
export function deviceConfirm(ctx: OidcContext, res: ServerResponse, body: string): void {
  const userCode = parseForm(body).get("user_code") ?? "";
  const auth = findDeviceAuthorization(ctx, userCode);
  if (!auth) return sendHtml(res, 400, page("Authorize request", codeForm(userCode, "That code is not valid or has expired. Check the code and try again.")));
  const client = ctx.state.clients.get(auth.clientId);
  sendHtml(
    res,
    200,
    page(
      `Allow ${client?.clientName ?? "this application"} to access your data?`,
      `${signedInAs(ctx)}<p>Code <span class="code">${escapeHtml(auth.userCode)}</span></p>
<p>It will be able to get credentials for the accounts and roles you can use.</p>
<form method="post" action="/device/decision"><input type="hidden" name="user_code" value="${escapeHtml(auth.userCode)}">
<button class="primary" type="submit" name="decision" value="allow">Allow access</button>
<button type="submit" name="decision" value="deny">Deny access</button></form>`,
    ),
  );
}

/** POST /device/decision: the user allowed or denied; the polling CLI gets a token or AccessDeniedException. */
export function deviceDecision(ctx: OidcContext, res: ServerResponse, body: string): void {
  const form = parseForm(body);
  const auth = findDeviceAuthorization(ctx, form.get("user_code") ?? "");
  if (!auth) return sendHtml(res, 400, page("Authorize request", codeForm("", "That request is not valid or has expired.")));
  const allow = form.get("decision") === "allow";
  auth.decision = allow ? "approved" : "denied";
  sendHtml(
    res,
    200,
    allow
      ? page("Request approved", "<p>You can close this window and return to your command line.</p>")
      : page("Request denied", "<p>The command line will not get access. You can close this window.</p>"),
  );
}

/** GET /authorize: the PKCE authorization request (facts §2.8). */
export function authorize(ctx: OidcContext, res: ServerResponse, url: URL): void {
  const q = url.searchParams;
  const client = ctx.state.clients.get(q.get("client_id") ?? "");
  const redirectUri = q.get("redirect_uri") ?? "";
  // An unknown client or unregistered redirect is shown, never redirected to (no open redirect).
  if (!client || client.expiresAt <= ctx.now()) return sendHtml(res, 400, page("Invalid request", `<p class="error">Unknown or expired client.</p>`));
  if (!redirectUriAllowed(client, redirectUri)) return sendHtml(res, 400, page("Invalid request", `<p class="error">The redirect_uri is not registered for this client.</p>`));
  const state = q.get("state") ?? "";
  const back = (params: Record<string, string>) => redirect(res, withParams(redirectUri, { ...params, ...(state ? { state } : {}) }));
  if (q.get("response_type") !== "code") return back({ error: "unsupported_response_type" });
  if (!client.grantTypes.includes("authorization_code")) return back({ error: "unauthorized_client" });
  const codeChallenge = q.get("code_challenge") ?? "";
  if (q.get("code_challenge_method") !== "S256" || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) return back({ error: "invalid_request", error_description: "S256 code_challenge required" });
  const scopes = (q.get("scopes") ?? "").split(" ").filter(Boolean);
  if (ctx.autoApprove) return back({ code: newCode(ctx, client.clientId, redirectUri, codeChallenge, scopes) });
  const requestId = token(24);
  ctx.state.pendingAuthorizes.set(requestId, { requestId, clientId: client.clientId, redirectUri, state, codeChallenge, scopes, expiresAt: ctx.now() + 10 * 60_000 });
  sendHtml(
    res,
    200,
    page(
      `Allow ${client.clientName} to access your data?`,
      `${signedInAs(ctx)}<p>Requested access: <code>${escapeHtml(scopes.join(" ") || "sso:account:access")}</code></p>
<form method="post" action="/authorize/decision"><input type="hidden" name="request_id" value="${requestId}">
<button class="primary" type="submit" name="decision" value="allow">Allow access</button>
<button type="submit" name="decision" value="deny">Deny access</button></form>`,
    ),
  );
}

/** POST /authorize/decision: back to the client's loopback listener with a code, or with access_denied. */
export function authorizeDecision(ctx: OidcContext, res: ServerResponse, body: string): void {
  const form = parseForm(body);
  const pending = ctx.state.pendingAuthorizes.get(form.get("request_id") ?? "");
  if (!pending || pending.expiresAt <= ctx.now()) return sendHtml(res, 400, page("Invalid request", `<p class="error">This sign-in request has expired. Start again from your command line.</p>`));
  ctx.state.pendingAuthorizes.delete(pending.requestId);
  const params: Record<string, string> =
    form.get("decision") === "allow"
      ? { code: newCode(ctx, pending.clientId, pending.redirectUri, pending.codeChallenge, pending.scopes) }
      : { error: "access_denied" };
  if (pending.state) params.state = pending.state;
  redirect(res, withParams(pending.redirectUri, params));
}

/** The redirect URI with the result added to whatever query it already has. */
function withParams(redirectUri: string, params: Record<string, string>): string {
  const u = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

function newCode(ctx: OidcContext, clientId: string, redirectUri: string, codeChallenge: string, scopes: string[]): string {
  const code = token(32);
  ctx.state.authorizationCodes.set(code, { code, clientId, redirectUri, codeChallenge, scopes, expiresAt: ctx.now() + AUTH_CODE_TTL_MS, redeemed: false });
  return code;
}

