// `aws sts get-caller-identity` through the JS SDK, for machines without an AWS CLI that honours AWS_ENDPOINT_URL_STS.
import { createRequire } from "node:module";
const require = createRequire(new URL("../apps/cli/package.json", import.meta.url));
const { STSClient, GetCallerIdentityCommand } = await import(require.resolve("@aws-sdk/client-sts"));
const out = await new STSClient({ region: process.env.AWS_REGION ?? "us-east-1" }).send(new GetCallerIdentityCommand({}));
console.log(JSON.stringify({ UserId: out.UserId, Account: out.Account, Arn: out.Arn }, null, 4));
