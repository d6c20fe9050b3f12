/** How a profile's section is written in ~/.aws/config: `[default]` or `[profile NAME]` (quoted when it has spaces). */
export function sectionHeader(profileName: string): string {
  if (profileName === "default") return "[default]";
  return /\s/.test(profileName) ? `[profile "${profileName}"]` : `[profile ${profileName}]`;
}
