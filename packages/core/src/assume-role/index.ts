/** @internal */
export { assumeRoleCachePath } from "./assumeRoleCachePath.js";
/** @internal */
export { serializeAssumeRoleCache, type AssumeRoleResponse } from "./serializeAssumeRoleCache.js";
export { assumeRole, type AssumeRoleCall } from "./assumeRole.js";
export { getChainedRoleCredentials, type GetChainedRoleCredentialsOptions, type MfaCodeProvider } from "./getChainedRoleCredentials.js";
/** @internal */
export { stsRegion } from "./stsRegion.js";
export { generatedRoleSessionName } from "./generatedRoleSessionName.js";
/** @internal */
export { assumeRoleArn, checkRoleArn, checkRoleSessionName, checkRoleDurationSeconds, parseRoleArn, type AssumedRole, type AssumeRoleArnRequest, type AssumeRoleSettingNames } from "./assumeRoleArn.js";
