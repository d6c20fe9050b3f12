/** An `[sso-session NAME]` section, or the legacy sso_start_url/sso_region pair on a profile (name undefined). */
export interface SsoSession {
  /** The sso-session name; undefined for a legacy profile (the token is then keyed by startUrl). */
  name: string | undefined;
  startUrl: string;
  /** sso_region: where the SSO portal and SSO-OIDC endpoints live. */
  region: string;
  /** sso_registration_scopes split on ",", stripped, empties dropped ([] when set but empty); undefined when not configured. */
  registrationScopes: string[] | undefined;
}

/** A profile that resolves to IAM Identity Center role credentials. */
export interface SsoProfile {
  profileName: string;
  session: SsoSession;
  accountId: string;
  roleName: string;
  /** The profile's `region` (for AWS_REGION), if configured. */
  region: string | undefined;
}

/** The contents of ~/.aws/sso/cache/<key>.json. Unknown keys are kept on rewrite. */
export interface SsoToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  /** RFC 3339 UTC, as the AWS CLI writes it: YYYY-MM-DDTHH:MM:SSZ. */
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
  [key: string]: unknown;
}

/** Temporary role credentials. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiration: number;
  accountId: string;
}
