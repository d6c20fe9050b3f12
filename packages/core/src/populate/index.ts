/** @internal */
export { DEFAULT_NAME_TEMPLATE, planProfiles, sanitizeProfileName, type AccountRole, type PlannedProfile, type PlanProfilesOptions } from "./planProfiles.js";
/** @internal */
export { MANAGED_KEY } from "./configSections.js";
/** @internal */
export { applyProfiles, writeProfiles, type ApplyProfilesOptions, type ProfileConflict, type WriteProfilesSummary } from "./writeProfiles.js";
