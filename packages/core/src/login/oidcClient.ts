import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";

/** An SSO-OIDC client for `region`; the SDK is loaded only when a login needs it, so other commands start fast. */
export async function createOidcClient(region: string, endpoint: string | undefined): Promise<{ client: SSOOIDCClient; sdk: typeof import("@aws-sdk/client-sso-oidc") }> {
  const sdk = await import("@aws-sdk/client-sso-oidc");
  const client = new sdk.SSOOIDCClient({ region, ...(endpoint ? { endpoint } : {}) });
  return { client, sdk };
}
