import { ServiceError } from "../errors.js";
import type { AwsErrorInfo } from "./awsErrorInfo.js";
import { endpointEnvVar, serviceLabel, serviceUrl, type ServiceCall } from "./serviceCall.js";

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed",
  ETIMEDOUT: "timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed",
};

/**
 * The one message for a request that got no answer: which service, at which URL, for what, why, and what to check.
 * No command fixes a network fault, so there is no `Run:`; `purpose` reads after the URL ("to refresh the SSO token for …").
 * botocore: `EndpointConnectionError` ("Could not connect to the endpoint URL").
 */
export function unreachableError(call: ServiceCall, info: AwsErrorInfo, purpose: string): ServiceError {
  const failure = info.networkFailure;
  if (failure) {
    // Said in network terms (proxy, CA bundle, DNS), with what to change; DNS failure stays a NetworkError.
    return new ServiceError(`Could not reach ${serviceLabel(call.service)} at ${serviceUrl(call)} ${purpose}: ${failure.reason}.`, {
      code: failure.code === "DnsFailure" ? "NetworkError" : failure.code,
      ...(failure.fix ? { fix: failure.fix } : {}),
    });
  }
  const reason = info.networkCode ? `${REASONS[info.networkCode] ?? info.networkCode} (${info.networkCode})` : info.detail || info.name;
  const check = call.endpoint ? `check the network and ${endpointEnvVar(call.service)}` : "check the network";
  return new ServiceError(`Could not reach ${serviceLabel(call.service)} at ${serviceUrl(call)} ${purpose}: ${reason}; ${check}.`, {
    code: "NetworkError",
  });
}
