import type { SSOClient } from "@aws-sdk/client-sso";

/**
 * An SSO portal client (SDK loaded lazily) making one attempt per send: retries, throttling and pacing are the
 * caller's (portalRateLimiter.ts for the listings), so every attempt goes through one shared budget.
 */
export async function createSsoClient(region: string, endpoint: string | undefined): Promise<{ client: SSOClient; sdk: typeof import("@aws-sdk/client-sso"); destroy: () => void }> {
  const sdk = await import("@aws-sdk/client-sso");
  const client = new sdk.SSOClient({ region, maxAttempts: 1, ...(endpoint ? { endpoint } : {}) });
  return { client, sdk, destroy: () => client.destroy() };
}
