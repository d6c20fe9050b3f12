import { assumeRoleArn, credentialEnvVars, writeProfileFiles, credentialsFromTokenInput, CredentialsError, endpointFromEnv, parseTokenInput, type CoreDeps, type RoleCredentials } from "@sso-creds/core";
import { CleanupRecorder } from "./cleanupState.js";
import { ACTION_MARKER } from "./profileFiles.js";
import { readInputs, type Actions } from "./readInputs.js";

/**
 * The main step. Order matters: every secret is masked (setSecret) before anything is exported, written or
 * logged, and every change is recorded for the post step before it is made.
 */
export async function runAction(core: Actions, deps: CoreDeps): Promise<void> {
  // With mask-account-id, readInputs masks the account IDs before it can fail with a message.
  const inputs = readInputs(core, deps.env);
  const token = parseTokenInput(inputs.ssoToken, "the sso-token input");
  for (const secret of [token.accessToken, token.refreshToken, token.clientSecret]) if (secret) core.setSecret(secret);

  const result = await credentialsFromTokenInput(deps, token, {
    accountId: inputs.accountId,
    roleName: inputs.roleName,
    startUrl: inputs.ssoStartUrl,
    ssoRegion: inputs.ssoRegion,
    // With role-to-assume the exported credentials are the assumed role's: checked below instead.
    minCredentialSeconds: inputs.assume ? undefined : inputs.minCredentialDuration,
    source: "the sso-token input",
  });
  maskCredentials(core, result.credentials);
  let rotatedJson: string | undefined;
  if (result.refreshed) {
    for (const secret of [result.token.accessToken, result.token.refreshToken, result.token.clientSecret]) if (secret) core.setSecret(secret);
    rotatedJson = JSON.stringify(result.token);
    core.setSecret(rotatedJson);
    // Set before anything else can fail (AssumeRole, the profile files): the refresh token in the secret may be spent.
    core.setOutput("sso-token", rotatedJson);
    core.info(`Refreshed the SSO token (now valid until ${result.token.expiresAt}); store the sso-token output back into your secret to keep the refresh token current.`);
  }

  if (result.refreshError) {
    core.warning(`The SSO token expires at ${token.expiresAt} and could not be refreshed (${result.refreshError.message}); it was used as it is. Replace the secret before it expires.`);
  }

  let credentials = result.credentials;
  let described = `role ${inputs.roleName} in account ${inputs.accountId}`;
  if (inputs.assume) {
    const ssoRole = `the SSO role ${inputs.roleName} in account ${inputs.accountId}`;
    const assumed = await assumeRoleArn(deps, {
      roleArn: inputs.assume.roleArn,
      sourceCredentials: result.credentials,
      source: `${ssoRole} (IAM role AWSReservedSSO_${inputs.roleName}_*)`,
      roleSessionName: inputs.assume.roleSessionName,
      externalId: inputs.assume.externalId,
      durationSeconds: inputs.assume.durationSeconds,
      stsEndpoint: endpointFromEnv(deps.env, "sts"),
      region: inputs.awsRegion,
      names: { roleArn: "input role-to-assume", roleSessionName: "input role-session-name", externalId: "input role-external-id", durationSeconds: "input role-duration-seconds" },
    });
    maskCredentials(core, assumed.credentials);
    credentials = assumed.credentials;
    const remaining = Math.floor((credentials.expiration - deps.now()) / 1000);
    if (inputs.minCredentialDuration !== undefined && remaining < inputs.minCredentialDuration) {
      throw new CredentialsError(
        `The credentials of role ${inputs.assume.roleArn} are valid for ${remaining} s, less than the ${inputs.minCredentialDuration} s asked for.`,
        { code: "CredentialsTooShort", fix: "raise role-duration-seconds (at most 3600: a role assumed with role credentials lasts at most one hour), or lower min-credential-duration" },
      );
    }
    described = `role ${inputs.assume.roleArn} (session ${assumed.assumedRoleArn ?? inputs.assume.roleSessionName}, assumed with ${ssoRole})`;
  }

  const cleanup = new CleanupRecorder(core);
  // Files first: a profile name the user already has fails the step before anything is exported.
  if (inputs.profileName) {
    await writeProfileFiles(deps, inputs.profileName, credentials, {
      marker: ACTION_MARKER,
      region: inputs.awsRegion,
      onWrite: (file) => cleanup.file(file),
      conflictFix: "choose another profile-name",
    });
    core.info(`Wrote profile ${inputs.profileName} to the shared credentials and config files.`);
  }
  // Core's list, as `sso env` prints it: also AWS_ACCOUNT_ID and AWS_CREDENTIAL_EXPIRATION, so a value left by an
  // earlier credentials step cannot point the SDKs at another account.
  for (const [name, value] of credentialEnvVars(credentials, inputs.awsRegion)) {
    cleanup.variable(name);
    core.exportVariable(name, value);
  }

  const expiration = new Date(credentials.expiration).toISOString();
  core.setOutput("aws-account-id", credentials.accountId || inputs.accountId);
  core.setOutput("expiration", expiration);
  if (inputs.outputCredentials) {
    core.setOutput("aws-access-key-id", credentials.accessKeyId);
    core.setOutput("aws-secret-access-key", credentials.secretAccessKey);
    core.setOutput("aws-session-token", credentials.sessionToken);
  }

  core.info(`Exported credentials for ${described}, valid until ${expiration}.`);
}

function maskCredentials(core: Actions, credentials: RoleCredentials): void {
  for (const secret of [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]) core.setSecret(secret);
}
