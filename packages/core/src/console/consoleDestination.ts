import { ConfigError } from "../errors.js";

/**
 * Console pages by the names people type (`sso console -s s3`), as granted's `-s` and aws-sso-cli do. A name not
 * listed is taken as the console path itself (`<name>/home`); anything with a "/" is a console path as written
 * (`ec2/home#Instances:`). Global services live on the region-less host.
 */
const SERVICES: Record<string, { path: string; global?: boolean }> = {
  acm: { path: "acm/home" },
  apigateway: { path: "apigateway/main/apis" },
  athena: { path: "athena/home" },
  billing: { path: "billing/home", global: true },
  cloudformation: { path: "cloudformation/home" },
  cfn: { path: "cloudformation/home" },
  cloudfront: { path: "cloudfront/v4/home", global: true },
  cloudtrail: { path: "cloudtrail/home" },
  cloudwatch: { path: "cloudwatch/home" },
  cw: { path: "cloudwatch/home" },
  codebuild: { path: "codesuite/codebuild/projects" },
  codepipeline: { path: "codesuite/codepipeline/pipelines" },
  dynamodb: { path: "dynamodbv2/home" },
  ddb: { path: "dynamodbv2/home" },
  ec2: { path: "ec2/home" },
  ecr: { path: "ecr/private-registry/repositories" },
  ecs: { path: "ecs/v2/clusters" },
  eks: { path: "eks/home" },
  elasticache: { path: "elasticache/home" },
  eventbridge: { path: "events/home" },
  glue: { path: "glue/home" },
  iam: { path: "iam/home", global: true },
  kinesis: { path: "kinesis/home" },
  kms: { path: "kms/home" },
  lambda: { path: "lambda/home" },
  logs: { path: "cloudwatch/home#logsV2:log-groups" },
  organizations: { path: "organizations/v2/home", global: true },
  rds: { path: "rds/home" },
  route53: { path: "route53/v2/home", global: true },
  s3: { path: "s3/home" },
  secretsmanager: { path: "secretsmanager/listsecrets" },
  sm: { path: "secretsmanager/listsecrets" },
  sns: { path: "sns/v3/home" },
  sqs: { path: "sqs/v3/home" },
  ssm: { path: "systems-manager/home" },
  sso: { path: "singlesignon/home" },
  stepfunctions: { path: "states/home" },
  sfn: { path: "states/home" },
  vpc: { path: "vpcconsole/home" },
};

export const CONSOLE_SERVICES: readonly string[] = Object.keys(SERVICES);

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface ConsoleDestinationOptions {
  /** A full https console URL: used as it is. */
  destination?: string | undefined;
  /** A service name (s3, ec2, …) or a console path (ec2/home#Instances:). */
  service?: string | undefined;
  region?: string | undefined;
}

/**
 * The console URL to land on: `destination` as given, else the service's page in the region, else the console home
 * in the region (https://console.aws.amazon.com/ without one). The region goes into the host and the query, as the
 * console's own links do.
 */
export function consoleDestination(options: ConsoleDestinationOptions): string {
  const { destination, service, region } = options;
  if (region !== undefined && !REGION.test(region)) {
    throw new ConfigError(`"${region}" is not an AWS region name (like eu-west-1).`, { code: "InvalidRegion", fix: "give a region like --region eu-west-1" });
  }
  if (destination !== undefined) {
    if (!/^https:\/\/[^\s/]+/.test(destination)) {
      throw new ConfigError(`The console destination must be an https URL; got "${destination}".`, {
        code: "InvalidDestination",
        fix: "give a URL like --destination https://console.aws.amazon.com/s3/home, or a service with --service s3",
      });
    }
    return destination;
  }
  if (service === undefined || service === "") {
    return region ? `https://${region}.console.aws.amazon.com/console/home?region=${region}` : "https://console.aws.amazon.com/";
  }
  if (/^https?:\/\//i.test(service)) return consoleDestination({ destination: service, region });
  const name = service.toLowerCase();
  const known = SERVICES[name];
  const rawPath = known?.path ?? (service.includes("/") || service.includes("#") ? service.replace(/^\/+/, "") : `${name}/home`);
  if (!/^[\w\-./:#?=&%+~!,;@*()]+$/.test(rawPath)) {
    throw new ConfigError(`"${service}" is neither a console service name nor a console path.`, {
      code: "InvalidService",
      fix: `give a service name (${CONSOLE_SERVICES.slice(0, 8).join(", ")}, …) or a console path like ec2/home#Instances:`,
    });
  }
  const [beforeHash, hash] = splitOnce(rawPath, "#");
  const [path, query] = splitOnce(beforeHash, "?");
  const params = new URLSearchParams(query ?? "");
  if (region && !params.has("region")) params.set("region", region);
  const host = known?.global || !region ? "console.aws.amazon.com" : `${region}.console.aws.amazon.com`;
  const q = params.toString();
  return `https://${host}/${path}${q ? `?${q}` : ""}${hash !== undefined ? `#${hash}` : ""}`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
