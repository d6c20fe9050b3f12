export { awsErrorInfo, type AwsErrorInfo } from "./awsErrorInfo.js";
/** @internal */
export { networkErrorCode } from "./networkErrorCode.js";
/** @internal */
export { serviceLabel, operationLabel, serviceUrl, endpointEnvVar, type AwsService, type ServiceCall } from "./serviceCall.js";
export { unreachableError } from "./unreachableError.js";
/** @internal */
export { toServiceError } from "./toServiceError.js";
