/**
 * Checks for what `sso configure` asks. Each returns the one line to show (prompt or error), or undefined when the
 * value is fine.
 */

/**
 * An AWS access portal URL: https with a host and no credentials, as IAM Identity Center issues them
 * (https://d-xxxxxxxxxx.awsapps.com/start, https://NAME.awsapps.com/start, https://ssoins-….portal.REGION.app.aws).
 */
export function validateStartUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL; the start URL looks like https://d-0123456789.awsapps.com/start.`;
  }
  if (url.protocol !== "https:") return `The start URL must be https:// (got ${url.protocol}//); it looks like https://d-0123456789.awsapps.com/start.`;
  if (!url.hostname || url.username || url.password) return "The start URL must name a host and hold no user name or password.";
  if (/\s/.test(value)) return "The start URL cannot hold spaces.";
  return undefined;
}

/** An AWS region name as botocore accepts it for an endpoint (us-east-1, eu-central-2, us-gov-west-1, cn-north-1). */
export function validateRegion(value: string): string | undefined {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value) ? undefined : `"${value}" is not an AWS region name (like us-east-1).`;
}

/** A profile or sso-session name that every SDK and shell reads back unchanged. */
export function validateSectionName(value: string, what: "profile" | "sso-session"): string | undefined {
  return /^[\w.@+%:/-]+$/.test(value) ? undefined : `"${value}" is not a valid ${what} name (letters, digits and - _ . @ + % : / only).`;
}

/** A name for a new sso-session from its start URL: the directory id or subdomain (https://acme.awsapps.com/start → acme). */
export function defaultSsoSessionName(startUrl: string): string {
  try {
    const host = new URL(startUrl).hostname;
    const first = host.split(".")[0] ?? "";
    const name = first.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "");
    return name && first !== "start" && first !== "portal" ? name : "my-sso";
  } catch {
    return "my-sso";
  }
}
