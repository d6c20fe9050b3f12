import type { SSOClient } from "@aws-sdk/client-sso";
import type { CoreDeps } from "../deps.js";
import { awsClientConfig, type NetworkOptions } from "../network/awsClientConfig.js";

/**
 * An SSO portal client (SDK loaded lazily) making one attempt per send: retries, throttling and pacing are the
 * caller's (portalRateLimiter.ts for the listings), so every attempt goes through one shared budget.
 */
export async function createSsoClient(
  deps: Pick<CoreDeps, "env" | "fs">,
  region: string,
  endpoint: string | undefined,
  network: NetworkOptions = {},
): Promise<{ client: SSOClient; sdk: typeof import("@aws-sdk/client-sso"); destroy: () => void }> {
  const sdk = await import("@aws-sdk/client-sso");
  const client = new sdk.SSOClient(await awsClientConfig(deps, { region, endpoint, maxAttempts: 1, ...network }));
  return { client, sdk, destroy: () => client.destroy() };
}
