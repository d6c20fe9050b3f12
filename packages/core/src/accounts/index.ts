export { listAccounts, listAccountRoles, type SsoAccount, type ListOptions } from "./listAccounts.js";
export { listAccountsAndRoles, withProgress, type SsoAccountWithRoles, type ListAccountsAndRolesOptions } from "./listAccountsAndRoles.js";
export { PortalRateLimiter, portalRateLimiter, type PortalRateLimiterOptions, type PortalRateStats } from "./portalRateLimiter.js";
export { parseRoleFilter, type RoleFilter } from "./roleFilter.js";
