import { join } from "node:path";
import type { CoreDeps } from "../deps.js";
import { pythonJsonDumps, writeFileAtomic } from "../fs/index.js";
import { registrationCacheKey } from "../keys/index.js";
import { ssoCacheDir } from "../paths/index.js";
import type { SsoSession } from "../types.js";
import { DEFAULT_SCOPES, PKCE_GRANT_TYPES, PKCE_REGISTRATION_REDIRECT_URI, REGISTRATION_EXPIRY_WINDOW_MS } from "./constants.js";
import { createOidcClient } from "./oidcClient.js";
import { ServiceError } from "../errors.js";
import { formatAwsTimestamp, loginFixCommand } from "../token/index.js";
import { toServiceError } from "../aws-errors/index.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";

export type LoginFlow = "device" | "pkce";

/** A client registration as the AWS CLI caches it in ~/.aws/sso/cache/<registration key>.json. */
export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  /** YYYY-MM-DDTHH:MM:SSZ */
  expiresAt: string;
  scopes?: string[];
  grantTypes?: string[];
}


/** Where the AWS CLI keeps this session's registration, so it and we reuse each other's. */
export function registrationCachePath(deps: Pick<CoreDeps, "env" | "homedir">, session: SsoSession): string {
  const key = registrationCacheKey({ startUrl: session.startUrl, region: session.region, scopes: session.registrationScopes, sessionName: session.name });
  return join(ssoCacheDir(deps), `${key}.json`);
}

/**
 * Get an OIDC client registration for `flow`: the cached one when it has more than 15 minutes left and was
 * made for the same kind of flow (a PKCE registration carries grantTypes with authorization_code), else a new one,
 * cached in the AWS CLI's format.
 */
export async function registerClient(
  deps: CoreDeps,
  session: SsoSession,
  options: NetworkOptions & { oidcEndpoint?: string | undefined; flow: LoginFlow },
): Promise<ClientRegistration> {
  const path = registrationCachePath(deps, session);
  const cached = await readRegistration(deps, path);
  if (cached && isUsable(cached, options.flow, deps.now())) return cached;

  const { client, sdk } = await createOidcClient(deps, session.region, options.oidcEndpoint, { caBundle: options.caBundle });
  const clientName = `botocore-client-${session.name ?? Math.floor(deps.now() / 1000)}`;
  const input =
    options.flow === "pkce"
      ? {
          clientName,
          clientType: "public",
          grantTypes: PKCE_GRANT_TYPES,
          redirectUris: [PKCE_REGISTRATION_REDIRECT_URI],
          issuerUrl: session.startUrl,
          scopes: session.registrationScopes?.length ? session.registrationScopes : DEFAULT_SCOPES,
        }
      : { clientName, clientType: "public", ...(session.registrationScopes?.length ? { scopes: session.registrationScopes } : {}) };
  let out;
  try {
    out = await client.send(new sdk.RegisterClientCommand(input));
  } catch (e) {
    throw toServiceError(e, { service: "sso_oidc", operation: "RegisterClient", endpoint: options.oidcEndpoint, region: session.region }, loginFixCommand(session));
  } finally {
    client.destroy();
  }
  if (!out.clientId || !out.clientSecret || !out.clientSecretExpiresAt) {
    throw new ServiceError("SSO-OIDC RegisterClient returned no client credentials.", { code: "InvalidResponse" });
  }
  const registration: ClientRegistration = {
    clientId: out.clientId,
    clientSecret: out.clientSecret,
    expiresAt: formatAwsTimestamp(out.clientSecretExpiresAt * 1000),
  };
  if (options.flow === "pkce") {
    registration.scopes = input.scopes;
    registration.grantTypes = PKCE_GRANT_TYPES;
  } else if (session.registrationScopes?.length) {
    registration.scopes = session.registrationScopes;
  }
  await writeFileAtomic(deps, path, pythonJsonDumps(registration));
  return registration;
}

function isUsable(r: ClientRegistration, flow: LoginFlow, now: number): boolean {
  const expires = Date.parse(r.expiresAt);
  if (!Number.isFinite(expires) || expires - now <= REGISTRATION_EXPIRY_WINDOW_MS) return false;
  const isPkce = Array.isArray(r.grantTypes) && r.grantTypes.includes("authorization_code");
  return flow === "pkce" ? isPkce : !isPkce;
}

async function readRegistration(deps: Pick<CoreDeps, "fs">, path: string): Promise<ClientRegistration | undefined> {
  try {
    const v = JSON.parse(await deps.fs.readFile(path, "utf8")) as Partial<ClientRegistration>;
    if (typeof v.clientId === "string" && typeof v.clientSecret === "string" && typeof v.expiresAt === "string") return v as ClientRegistration;
  } catch {
    // missing or unreadable: register anew (the file is rewritten atomically)
  }
  return undefined;
}
