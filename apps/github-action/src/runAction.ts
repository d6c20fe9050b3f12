import { credentialsFromTokenInput, parseTokenInput, type CoreDeps } from "@sso-creds/core";
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

  const cleanup = new CleanupRecorder(core);
  const exported: Array<[string, string]> = [
    ["AWS_ACCESS_KEY_ID", credentials.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey],
    ["AWS_SESSION_TOKEN", credentials.sessionToken],
    ["AWS_REGION", inputs.awsRegion],
    ["AWS_DEFAULT_REGION", inputs.awsRegion],
  ];
  for (const [name, value] of exported) {
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

  if (inputs.profileName) {
    await writeProfileFiles(deps, inputs.profileName, credentials, inputs.awsRegion, (file) => cleanup.file(file));
    core.info(`Wrote profile ${inputs.profileName} to the shared credentials and config files.`);
  }
  core.info(`Exported credentials for role ${inputs.roleName} in account ${inputs.accountId}, valid until ${expiration}.`);
}
