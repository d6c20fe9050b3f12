/** A timestamp as the AWS CLI writes it in ~/.aws/sso/cache: YYYY-MM-DDTHH:MM:SSZ (UTC, whole seconds). */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
