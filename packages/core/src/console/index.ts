/** @internal */
export { consoleSigninUrl, DEFAULT_FEDERATION_ENDPOINT, FEDERATION_ENDPOINT_ENV, type ConsoleSigninOptions } from "./consoleSigninUrl.js";
/** @internal */
export { consoleDestination, CONSOLE_SERVICES, type ConsoleDestinationOptions } from "./consoleDestination.js";
/** @internal */
export { browserLaunch, BROWSER_NAMES, type BrowserChoice, type BrowserKind, type BrowserLaunch } from "./browserLaunch.js";
/** @internal */
export { oneTimeRedirect, type OneTimeRedirect } from "./oneTimeRedirect.js";
/** @internal */
export { findOnPath } from "./findOnPath.js";
