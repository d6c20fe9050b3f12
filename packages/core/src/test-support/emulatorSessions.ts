// The emulator's own test helpers, shared with the apps' specs (one copy: @sso-creds/emulator's testing.ts).
export { leaked, signOut, spendRefreshToken, tokenSecrets } from "@sso-creds/emulator";
