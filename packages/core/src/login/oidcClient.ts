import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { CoreDeps } from "../deps.js";
import { awsClientConfig, type NetworkOptions } from "../network/awsClientConfig.js";

/** An SSO-OIDC client for `region`; the SDK is loaded only when a login needs it, so other commands start fast. */
export async function createOidcClient(
  deps: Pick<CoreDeps, "env" | "fs">,
  region: string,
  endpoint: string | undefined,
  network: NetworkOptions = {},
): Promise<{ client: SSOOIDCClient; sdk: typeof import("@aws-sdk/client-sso-oidc") }> {
  const sdk = await import("@aws-sdk/client-sso-oidc");
  const client = new sdk.SSOOIDCClient(await awsClientConfig(deps, { region, endpoint, ...network }));
  return { client, sdk };
}
