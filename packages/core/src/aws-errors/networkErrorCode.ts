const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

/** The errno-style code of a network failure the SDK passed through (also inside causes and AggregateErrors), if any. */
export function networkErrorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    const errors = (cur as { errors?: unknown }).errors; // AggregateError from happy-eyeballs connects
    if (Array.isArray(errors)) {
      for (const inner of errors) {
        const c = networkErrorCode(inner);
        if (c) return c;
      }
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
