// Its own entry of the bundle (dist/compile-cache.js): the bin turns the compile cache on before loading main.js.
export { enableCompileCache } from "@sso-creds/core/compile-cache";
