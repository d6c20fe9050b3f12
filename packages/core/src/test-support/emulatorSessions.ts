import type { MintedToken } from "@sso-creds/emulator";

/**
 * Use a minted token's refresh token once (SSO-OIDC CreateToken), as another client would: the emulator rotates it,
 * so the token's refreshToken is refused from then on, exactly as the real service refuses a rotated one.
 */
export async function spendRefreshToken(endpoint: string, token: MintedToken): Promise<void> {
  const { SSOOIDCClient, CreateTokenCommand } = await import("@aws-sdk/client-sso-oidc");
  const client = new SSOOIDCClient({ region: token.region, endpoint, maxAttempts: 1 });
  try {
    await client.send(
      new CreateTokenCommand({ grantType: "refresh_token", clientId: token.clientId, clientSecret: token.clientSecret, refreshToken: token.refreshToken }),
    );
  } finally {
    client.destroy();
  }
}

/** Sign out through the portal (SSO Logout): the token's access token (and its refresh token) stop working. */
export async function signOut(endpoint: string, token: MintedToken): Promise<void> {
  const { SSOClient, LogoutCommand } = await import("@aws-sdk/client-sso");
  const client = new SSOClient({ region: token.region, endpoint, maxAttempts: 1 });
  try {
    await client.send(new LogoutCommand({ accessToken: token.accessToken }));
  } finally {
    client.destroy();
  }
}

/** The values of a token that must never show up in a message or in output. */
export function tokenSecrets(token: Partial<MintedToken>): string[] {
  return [token.accessToken, token.refreshToken, token.clientSecret].filter((s): s is string => typeof s === "string" && s.length > 0);
}

/** Every secret in `secrets` (or a 16-character prefix of one) that appears in `text`. */
export function leaked(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s) || text.includes(s.slice(0, 16)));
}
