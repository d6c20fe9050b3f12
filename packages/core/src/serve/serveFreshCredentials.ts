import type { RoleCredentials } from "../types.js";
import { keepCredentialsFresh } from "./keepCredentialsFresh.js";
import { startCredentialServer, type CredentialServer } from "./startCredentialServer.js";

export interface ServeFreshCredentialsOptions {
  /** Gets new role credentials (resolveCredentials, or the container's fetch). */
  fetch: () => Promise<RoleCredentials>;
  /** Credentials already fetched (the check before starting); fetched first when absent, so a failure comes before any server. */
  initial?: RoleCredentials;
  /** Default 0: any free port on 127.0.0.1. */
  port?: number;
  /** A background refresh failed; the current credentials are still served while they last. */
  onRefreshError?: (error: unknown) => void;
  /** A request could not be answered with credentials. */
  onError?: (error: unknown) => void;
}

export interface FreshCredentialServer extends CredentialServer {
  /** The credentials the server started with. */
  initial: RoleCredentials;
}

/**
 * The credential endpoint of `sso serve`, `sso exec --server` and the container's server mode: credentials held in
 * memory and renewed before they expire (keepCredentialsFresh), served on 127.0.0.1 the ECS way (startCredentialServer).
 * `close()` stops both. If the server cannot listen (EADDRINUSE, …) the renewal is stopped and the error thrown as it is.
 */
export async function serveFreshCredentials(options: ServeFreshCredentialsOptions): Promise<FreshCredentialServer> {
  const initial = options.initial ?? (await options.fetch());
  const fresh = keepCredentialsFresh({ fetch: options.fetch, initial, ...(options.onRefreshError ? { onRefreshError: options.onRefreshError } : {}) });
  let server: CredentialServer;
  try {
    server = await startCredentialServer({ getCredentials: () => fresh.get(), port: options.port ?? 0, ...(options.onError ? { onError: options.onError } : {}) });
  } catch (e) {
    fresh.stop();
    throw e;
  }
  return {
    url: server.url,
    authToken: server.authToken,
    initial,
    close: async () => {
      fresh.stop();
      await server.close();
    },
  };
}
