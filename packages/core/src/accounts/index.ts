/** @internal */
export { listAccounts, listAccountRoles, type SsoAccount, type ListOptions } from "./listAccounts.js";
export { listAccountsAndRoles, type SsoAccountWithRoles, type ListAccountsAndRolesOptions } from "./listAccountsAndRoles.js";
/** @internal */
export { withProgress } from "./listAccountsAndRoles.js";
/** @internal */
export { PortalRateLimiter, portalRateLimiter, type PortalRateLimiterOptions, type PortalRateStats } from "./portalRateLimiter.js";
/** @internal */
export { parseRoleFilter, type RoleFilter } from "./roleFilter.js";
