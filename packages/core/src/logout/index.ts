export { logout, type LogoutOptions, type LogoutResult } from "./logout.js";
