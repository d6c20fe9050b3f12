export { consoleSigninUrl, DEFAULT_FEDERATION_ENDPOINT, FEDERATION_ENDPOINT_ENV, type ConsoleSigninOptions } from "./consoleSigninUrl.js";
export { consoleDestination, CONSOLE_SERVICES, type ConsoleDestinationOptions } from "./consoleDestination.js";
export { browserLaunch, BROWSER_NAMES, type BrowserChoice, type BrowserKind, type BrowserLaunch } from "./browserLaunch.js";
export { oneTimeRedirect, type OneTimeRedirect } from "./oneTimeRedirect.js";
export { findOnPath } from "./findOnPath.js";
