import { DEFAULT_SCOPES } from "./constants.js";

/** Python's `urllib.parse.quote(v, safe="-_.~")`, which botocore's percent_encode uses (encodeURIComponent leaves !'()* alone). */
function rfc3986(v: string): string {
  return encodeURIComponent(v).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * The browser URL of the authorization-code flow, built as the AWS CLI builds it: at the scheme and host of the
 * SSO-OIDC endpoint (a path prefix is dropped), the same parameters in the same order, `scopes` (plural),
 * and code_challenge appended last.
 */
export function authorizeUrl(input: {
  oidcEndpoint: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes: string[] | undefined;
}): string {
  const base = new URL(input.oidcEndpoint);
  const params: Array<[string, string]> = [
    ["response_type", "code"],
    ["client_id", input.clientId],
    ["redirect_uri", input.redirectUri],
    ["state", input.state],
    ["code_challenge_method", "S256"],
    ["scopes", (input.scopes ?? DEFAULT_SCOPES).join(" ")],
  ];
  const query = params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&");
  return `${base.protocol}//${base.host}/authorize?${query}&code_challenge=${input.codeChallenge}`;
}

/** The default SSO-OIDC endpoint of a region (used when no override is configured). */
export function defaultOidcEndpoint(region: string): string {
  return `https://oidc.${region}.amazonaws.com`;
}
