import type * as NodeCrypto from "node:crypto";

/**
 * node:crypto, loaded on first use rather than at import: the credential_process hit path never needs it, and a
 * static import would cost every invocation the module's start-up.
 */
export function nodeCrypto(): typeof NodeCrypto {
  return process.getBuiltinModule("node:crypto");
}
