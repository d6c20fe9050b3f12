import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { awsClientConfig, defaultDeps, endpointFromEnv, isSsoCredsError } from "@sso-creds/core";

// `aws sts get-caller-identity` for images without the AWS CLI: proves the credentials the entry point hands out work.
// Built like every client of the toolkit (core's awsClientConfig): HTTPS_PROXY / NO_PROXY / AWS_CA_BUNDLE as the AWS CLI.
try {
  const deps = defaultDeps();
  const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1";
  const client = new STSClient(await awsClientConfig(deps, { region, endpoint: endpointFromEnv(deps.env, "sts") }));
  const { UserId, Account, Arn } = await client.send(new GetCallerIdentityCommand({}));
  process.stdout.write(`${JSON.stringify({ UserId, Account, Arn }, null, 4)}\n`);
  process.exit(0);
} catch (e) {
  process.stderr.write(`sso-whoami: ${isSsoCredsError(e) ? e.toUserLine() : e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
  process.exit(255);
}
