export { consoleSigninUrl, DEFAULT_FEDERATION_ENDPOINT, FEDERATION_ENDPOINT_ENV, type ConsoleSigninOptions } from "./consoleSigninUrl.js";
