export { parseAwsIni, type IniSections, type IniValue } from "./parseAwsIni.js";
/** @internal */
export { IniSyntaxError } from "./parseAwsIni.js";
export { loadSharedConfig, type SharedConfig, type ConfigSection, type Section, type ProfileSection } from "./loadSharedConfig.js";
/** @internal */
export { configFilePath, credentialsFilePath } from "./loadSharedConfig.js";
/** @internal */
export { buildSharedConfig } from "./loadSharedConfig.js";
export { resolveProfileName } from "./resolveProfileName.js";
export { resolveSsoProfile } from "./resolveSsoProfile.js";
export { resolveSsoSession } from "./resolveSsoSession.js";
/** @internal */
export { parseScopes } from "./parseScopes.js";
export { listSsoSessions } from "./listSsoSessions.js";
/** @internal */
export { listLoginTargets, type LoginTarget } from "./listLoginTargets.js";
export { listSsoProfiles } from "./listSsoProfiles.js";
export { isSsoProfile } from "./isSsoProfile.js";
/** @internal */
export { credentialProcessConflicts } from "./isSsoProfile.js";
/** @internal */
export { sectionHeader } from "./sectionHeader.js";
/** @internal */
export { checkCredentialProcessProfile, credentialProcessTarget } from "./checkCredentialProcessProfile.js";
/** @internal */
export { normalizeStartUrl, sameStartUrl } from "./sameStartUrl.js";
/** @internal */
export { addSsoSessionSection, type NewSsoSession } from "./addSsoSessionSection.js";
export { isAssumeRoleProfile } from "./isAssumeRoleProfile.js";
export { resolveRoleChain, type AssumeRoleStep, type RoleChain } from "./resolveRoleChain.js";
/** @internal */
export { pyInt, pyStrip } from "./python.js";
export { profileCaBundle } from "./profileCaBundle.js";
