import { describeNetworkFailure, type NetworkFailure } from "../network/networkFailure.js";
import { networkErrorCode } from "./networkErrorCode.js";

/**
 * What we need to know about an error thrown by an AWS SDK v3 client, without keeping the error itself.
 * JS SDK: `ServiceException` (`name`, `$metadata.httpStatusCode`, `$fault`); botocore: `ClientError.response["Error"]`
 * and `EndpointConnectionError` for the network faults.
 */
export interface AwsErrorInfo {
  /** The modeled exception name (e.g. "UnauthorizedException"), or the Node error name/code for network faults. */
  name: string;
  /** HTTP status when the service answered; undefined when the request never got an answer. */
  status: number | undefined;
  /** True when no HTTP response arrived (connection refused, DNS, timeout). */
  network: boolean;
  /** The errno-style code of the network fault (ECONNREFUSED, ENOTFOUND, ...), also found inside causes. */
  networkCode: string | undefined;
  /** The failure in network terms when the request went wrong on the way (proxy refused or unreachable, untrusted CA, DNS). */
  networkFailure: NetworkFailure | undefined;
  /** One short line from the service or the socket; safe to show (services never echo secrets). */
  detail: string;
}

/** The one reading of an SDK error every mapper in core starts from. */
export function awsErrorInfo(e: unknown): AwsErrorInfo {
  const err = (typeof e === "object" && e !== null ? e : {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    error_description?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    cause?: unknown;
  };
  const status = typeof err.$metadata?.httpStatusCode === "number" ? err.$metadata.httpStatusCode : undefined;
  const code = typeof err.code === "string" ? err.code : undefined;
  const name = typeof err.name === "string" && err.name !== "Error" ? err.name : code ?? "Error";
  const raw =
    typeof err.error_description === "string" && err.error_description
      ? err.error_description
      : typeof err.message === "string"
        ? err.message
        : "";
  const detail = raw.replace(/\s+/g, " ").trim().slice(0, 200);
  return {
    name,
    status,
    network: status === undefined,
    networkCode: networkErrorCode(e),
    networkFailure: status === undefined ? describeNetworkFailure(e) : undefined,
    detail: code && !detail.includes(code) ? `${code} ${detail}`.trim() : detail,
  };
}
