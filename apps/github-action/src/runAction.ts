import { credentialEnvVars, credentialsFromTokenInput, parseTokenInput, type CoreDeps } from "@sso-creds/core";
import { CleanupRecorder } from "./cleanupState.js";
import { writeProfileFiles } from "./profileFiles.js";
import { readInputs, type Actions } from "./readInputs.js";

/**
 * The main step. Order matters: every secret is masked (setSecret) before anything is exported, written or
 * logged, and every change is recorded for the post step before it is made.
 */
export async function runAction(core: Actions, deps: CoreDeps): Promise<void> {
  const inputs = readInputs(core, deps.env);
  const token = parseTokenInput(inputs.ssoToken, "the sso-token input");
  for (const secret of [token.accessToken, token.refreshToken, token.clientSecret]) if (secret) core.setSecret(secret);
  if (inputs.maskAccountId) core.setSecret(inputs.accountId);

  const result = await credentialsFromTokenInput(deps, token, {
    accountId: inputs.accountId,
    roleName: inputs.roleName,
    startUrl: inputs.ssoStartUrl,
    ssoRegion: inputs.ssoRegion,
    minCredentialSeconds: inputs.minCredentialDuration,
    source: "the sso-token input",
  });
  const { credentials } = result;
  for (const secret of [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]) core.setSecret(secret);
  let rotatedJson: string | undefined;
  if (result.refreshed) {
    for (const secret of [result.token.accessToken, result.token.refreshToken, result.token.clientSecret]) if (secret) core.setSecret(secret);
    rotatedJson = JSON.stringify(result.token);
    core.setSecret(rotatedJson);
  }

  if (result.refreshError) {
    core.warning(`The SSO token expires at ${token.expiresAt} and could not be refreshed (${result.refreshError.message}); it was used as it is. Replace the secret before it expires.`);
  }

  const cleanup = new CleanupRecorder(core);
  // Files first: a profile name the user already has fails the step before anything is exported.
  if (inputs.profileName) {
    await writeProfileFiles(deps, inputs.profileName, credentials, inputs.awsRegion, (file) => cleanup.file(file));
    core.info(`Wrote profile ${inputs.profileName} to the shared credentials and config files.`);
  }
  // Core's list, as `sso env` prints it: also AWS_ACCOUNT_ID and AWS_CREDENTIAL_EXPIRATION, so a value left by an
  // earlier credentials step cannot point the SDKs at another account.
  for (const [name, value] of credentialEnvVars(credentials, inputs.awsRegion)) {
    cleanup.variable(name);
    core.exportVariable(name, value);
  }

  const expiration = new Date(credentials.expiration).toISOString();
  core.setOutput("aws-account-id", inputs.accountId);
  core.setOutput("expiration", expiration);
  if (inputs.outputCredentials) {
    core.setOutput("aws-access-key-id", credentials.accessKeyId);
    core.setOutput("aws-secret-access-key", credentials.secretAccessKey);
    core.setOutput("aws-session-token", credentials.sessionToken);
  }
  if (rotatedJson) {
    core.setOutput("sso-token", rotatedJson);
    core.info(`Refreshed the SSO token (now valid until ${result.token.expiresAt}); store the sso-token output back into your secret to keep the refresh token current.`);
  }

  core.info(`Exported credentials for role ${inputs.roleName} in account ${inputs.accountId}, valid until ${expiration}.`);
}
