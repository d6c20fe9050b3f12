import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

// `aws sts get-caller-identity` for images without the AWS CLI: proves the credentials the entry point hands out work.
const client = new STSClient({ region: process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1" });
try {
  const { UserId, Account, Arn } = await client.send(new GetCallerIdentityCommand({}));
  process.stdout.write(`${JSON.stringify({ UserId, Account, Arn }, null, 4)}\n`);
  process.exit(0);
} catch (e) {
  process.stderr.write(`sso-whoami: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
  process.exit(255);
}
