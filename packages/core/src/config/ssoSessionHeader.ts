/** How an sso-session's section is written so botocore finds it: `[sso-session NAME]`, quoted when NAME has spaces. */
export function ssoSessionHeader(name: string): string {
  return /\s/.test(name) ? `[sso-session "${name}"]` : `[sso-session ${name}]`;
}
