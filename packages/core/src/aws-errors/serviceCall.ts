/** The services core calls, by their endpoint id (as in `AWS_ENDPOINT_URL_<ID>` and a `services` block). */
export type AwsService = "sso" | "sso_oidc" | "sts";

/** One call to an AWS service, as the error messages name it. */
export interface ServiceCall {
  service: AwsService;
  /** The API operation, e.g. "CreateToken". */
  operation: string;
  /** The configured endpoint URL, undefined for the SDK's default in `region`. */
  endpoint: string | undefined;
  region: string;
}

const LABELS: Record<AwsService, string> = { sso: "the SSO portal", sso_oidc: "SSO-OIDC", sts: "STS" };
const SHORT: Record<AwsService, string> = { sso: "SSO", sso_oidc: "SSO-OIDC", sts: "STS" };
const HOSTS: Record<AwsService, (region: string) => string> = {
  sso: (r) => `https://portal.sso.${r}.amazonaws.com`,
  sso_oidc: (r) => `https://oidc.${r}.amazonaws.com`,
  sts: (r) => `https://sts.${r}.amazonaws.com`,
};

/** "the SSO portal", "SSO-OIDC", "STS": how a message names the service. */
export function serviceLabel(service: AwsService): string {
  return LABELS[service];
}

/** "SSO-OIDC CreateToken", "SSO ListAccounts": how a message names one operation. */
export function operationLabel(call: Pick<ServiceCall, "service" | "operation">): string {
  return `${SHORT[call.service]} ${call.operation}`;
}

/** The URL the call went to: the configured one, else the service's regional default. */
export function serviceUrl(call: Pick<ServiceCall, "service" | "endpoint" | "region">): string {
  return call.endpoint ?? HOSTS[call.service](call.region);
}

/** The environment variable that configures the service's endpoint (botocore: ConfiguredEndpointProvider). */
export function endpointEnvVar(service: AwsService): string {
  return `AWS_ENDPOINT_URL_${service.toUpperCase()}`;
}
