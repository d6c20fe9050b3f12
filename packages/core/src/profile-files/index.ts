/** @internal */
export { upsertIniSection, removeIniSections, type OwnsSection } from "./iniSection.js";
/** @internal */
export { writeProfileFiles, removeProfileSections, type WrittenProfileFile, type WriteProfileFilesOptions } from "./profileFiles.js";
/** @internal */
export { writeCredentialsProfile, removeCredentialsProfiles, ownsCredentialsProfile, type WriteCredentialsProfileOptions } from "./credentialsProfile.js";
