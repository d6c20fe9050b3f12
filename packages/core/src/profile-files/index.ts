export { upsertIniSection, removeIniSections, type OwnsSection } from "./iniSection.js";
export { writeProfileFiles, removeProfileSections, type WrittenProfileFile, type WriteProfileFilesOptions } from "./profileFiles.js";
export { writeCredentialsProfile, removeCredentialsProfiles, ownsCredentialsProfile, type WriteCredentialsProfileOptions } from "./credentialsProfile.js";
