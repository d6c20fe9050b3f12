import { assumeRoleArn, generatedRoleSessionName, type CoreDeps } from "@sso-creds/core";
import type { Settings } from "./readSettings.js";
import type { RoleCredentialSource } from "./tokenCredentials.js";

/**
 * The credentials of the last role in settings.assume: each fetch gets fresh SSO role credentials from `sso` and
 * assumes every role again, each with the previous one's credentials. Nothing is cached on disk (the mount is
 * read-only); in server mode the credential endpoint holds the result in memory and fetches again before it expires.
 */
export function assumedCredentials(deps: CoreDeps, settings: Settings, sso: RoleCredentialSource): RoleCredentialSource {
  if (settings.assume.length === 0) return sso;
  const { accountId, roleName } = settings.request;
  return {
    async fetch() {
      let credentials = await sso.fetch();
      let source = `the SSO role ${roleName} in account ${accountId} (IAM role AWSReservedSSO_${roleName}_*)`;
      for (const step of settings.assume) {
        const assumed = await assumeRoleArn(deps, {
          roleArn: step.roleArn,
          sourceCredentials: credentials,
          source,
          roleSessionName: step.roleSessionName ?? generatedRoleSessionName(deps.now()),
          externalId: step.externalId,
          durationSeconds: step.durationSeconds,
          stsEndpoint: settings.sts.endpoint,
          region: settings.sts.region,
          names: step.names,
        });
        credentials = assumed.credentials;
        source = `the role ${step.roleArn}`;
      }
      return credentials;
    },
  };
}
