export { awsErrorInfo, type AwsErrorInfo } from "./awsErrorInfo.js";
export { networkErrorCode } from "./networkErrorCode.js";
export { serviceLabel, operationLabel, serviceUrl, endpointEnvVar, type AwsService, type ServiceCall } from "./serviceCall.js";
export { unreachableError } from "./unreachableError.js";
export { toServiceError } from "./toServiceError.js";
