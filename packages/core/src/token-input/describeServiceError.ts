import { networkErrorCode } from "../login/serviceErrors.js";

/** An SDK error as "Name: first line of the service's message", or the network fault; SDK messages hold no secrets. */
export function describeServiceError(e: unknown): { name: string; text: string; network: boolean } {
  const net = networkErrorCode(e);
  if (net) return { name: net, text: net === "ECONNREFUSED" ? "connection refused" : net, network: true };
  const name = typeof e === "object" && e !== null && "name" in e ? String((e as { name: unknown }).name) : "Error";
  const raw = typeof e === "object" && e !== null ? ((e as { error_description?: unknown }).error_description ?? (e as { message?: unknown }).message) : undefined;
  const detail = typeof raw === "string" && raw && raw !== "UnknownError" ? `: ${raw.split("\n")[0]}` : "";
  return { name, text: `${name}${detail}`, network: false };
}
