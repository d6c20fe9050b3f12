export { listAccounts, type SsoAccount, type ListOptions } from "./listAccounts.js";
export { listAccountRoles } from "./listAccountRoles.js";
export { listAccountsAndRoles, type SsoAccountWithRoles } from "./listAccountsAndRoles.js";
export { THROTTLE_BACKOFF_MS } from "./ssoClient.js";
