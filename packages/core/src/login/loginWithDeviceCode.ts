import type { CoreDeps } from "../deps.js";
import { ServiceError, TokenError } from "../errors.js";
import { describeSession, loginFixCommand } from "../token/index.js";
import type { SsoSession, SsoToken } from "../types.js";
import { createOidcClient } from "./oidcClient.js";
import { registerClient } from "./registerClient.js";
import { saveLoginToken } from "./saveLoginToken.js";
import { toServiceError } from "../aws-errors/index.js";
import { abortError, sleep as realSleep, type Sleep } from "../util/sleep.js";
import { tokenFromCreateToken } from "./tokenFromCreateToken.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";

export interface DevicePrompt {
  verificationUri: string;
  verificationUriComplete: string | undefined;
  userCode: string;
}

export interface DeviceCodeOptions extends NetworkOptions {
  oidcEndpoint?: string | undefined;
  /** Called once, after the first CreateToken attempt, with what the user must open and confirm. */
  onPrompt: (prompt: DevicePrompt) => void | Promise<void>;
  signal?: AbortSignal | undefined;
  /** Injected for tests. */
  sleep?: Sleep;
}

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** botocore `_DEFAULT_INTERVAL` and `_SLOW_DOWN_DELAY`. */
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_DELAY_S = 5;

/**
 * Log in with the device-authorization grant, as AWS CLI v2 does: register (or reuse a registration),
 * StartDeviceAuthorization, one CreateToken before prompting, then poll at `interval` (+5 s on SlowDown)
 * until approved or ExpiredToken. The token is written to the cache the AWS CLI and SDKs read.
 */
export async function loginWithDeviceCode(deps: CoreDeps, session: SsoSession, options: DeviceCodeOptions): Promise<SsoToken> {
  const sleep = options.sleep ?? realSleep;
  const registration = await registerClient(deps, session, { oidcEndpoint: options.oidcEndpoint, caBundle: options.caBundle, flow: "device" });
  const { client, sdk } = await createOidcClient(deps, session.region, options.oidcEndpoint, { caBundle: options.caBundle });
  try {
    let auth;
    try {
      auth = await client.send(
        new sdk.StartDeviceAuthorizationCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: session.startUrl }),
      );
    } catch (e) {
      throw toServiceError(e, { service: "sso_oidc", operation: "StartDeviceAuthorization", endpoint: options.oidcEndpoint, region: session.region }, loginFixCommand(session));
    }
    if (!auth.deviceCode || !auth.userCode || !auth.verificationUri) {
      throw new ServiceError("SSO-OIDC StartDeviceAuthorization returned no device code.", { code: "InvalidResponse" });
    }
    let interval = (auth.interval ?? DEFAULT_INTERVAL_S) * 1000;
    // The service ends polling with ExpiredToken; this only guards against a server that never does.
    const deadline = Date.now() + ((auth.expiresIn ?? 600) + 60) * 1000;
    let prompted = false;
    for (;;) {
      if (options.signal?.aborted) throw abortError();
      let out;
      try {
        out = await client.send(
          new sdk.CreateTokenCommand({
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
            grantType: DEVICE_GRANT,
            deviceCode: auth.deviceCode,
          }),
          options.signal ? { abortSignal: options.signal } : {},
        );
      } catch (e) {
        if (options.signal?.aborted) throw abortError();
        const name = (e as { name?: string }).name;
        if (name === "SlowDownException") interval += SLOW_DOWN_DELAY_S * 1000;
        else if (name === "ExpiredTokenException" || Date.now() > deadline) {
          throw new TokenError(`The device authorization for ${describeSession(session)} expired before it was approved.`, {
            code: "PendingAuthorizationExpired",
            fix: `${loginFixCommand(session)} --use-device-code`,
          });
        } else if (name !== "AuthorizationPendingException") throw toServiceError(e, { service: "sso_oidc", operation: "CreateToken", endpoint: options.oidcEndpoint, region: session.region }, loginFixCommand(session));
      }
      if (out) {
        const token = tokenFromCreateToken(session, registration, out, deps.now());
        await saveLoginToken(deps, session, token);
        return token;
      }
      if (!prompted) {
        prompted = true;
        await options.onPrompt({ verificationUri: auth.verificationUri, verificationUriComplete: auth.verificationUriComplete, userCode: auth.userCode });
      }
      await sleep(interval, options.signal);
    }
  } finally {
    client.destroy();
  }
}
