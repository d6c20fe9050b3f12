/** sso_registration_scopes: split on ",", trimmed, empties dropped (the AWS CLI's rule). */
export function parseScopes(value: unknown): string[] | undefined {
  if (typeof value !== "string") return undefined;
  const scopes = value.split(",").map((s) => s.trim()).filter(Boolean);
  return scopes.length ? scopes : undefined;
}
