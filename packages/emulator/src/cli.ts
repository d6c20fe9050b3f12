import { parseArgs } from "node:util";
import { startEmulator } from "./startEmulator.js";
import type { FaultKind } from "./types.js";

const HELP = `Usage: sso-emulator [options]

A local, wire-compatible AWS IAM Identity Center: SSO portal, SSO-OIDC (device code and PKCE, with the browser pages)
and STS (SigV4-verified GetCallerIdentity and AssumeRole) on one listener. Prints one JSON line with its URL on start.

Options:
  --host HOST                 listen address (default 127.0.0.1)
  --port N                    port, 0 = any free one (default 0)
  --fixtures FILE             JSON: {startUrl, region, user, accounts: [{accountId, accountName, emailAddress, roles}]}
  --auto-approve              approve device codes and PKCE sign-ins without a browser (tests, demos)
  --access-token-ttl S        access token lifetime in seconds (default 28800)
  --role-credential-ttl S     role credential lifetime in seconds (default 3600)
  --assumed-role-ttl S        AssumeRole credential lifetime in seconds, whatever DurationSeconds asks (default: DurationSeconds)
  --refresh-token-ttl S       sign-in session (refresh token) lifetime in seconds (default 7776000)
  --throttle-rps N            per-operation requests per second before TooManyRequestsException
  --fault-rate R              share of API requests (0..1) answered with a fault
  --fault-kinds K,K           which faults: 500,503,reset,delay (default all)
  --fault-delay-ms MS         delay of the "delay" fault (default 2000)
  --tls-cert FILE --tls-key FILE   serve HTTPS
  --quiet                     no request log on stderr
  -h, --help

Point clients at it with AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_STS set to the URL.
Stats: GET /__emulator/stats   Reset: POST /__emulator/reset   A signed-in token file: POST /__emulator/mint-token`;

function num(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${JSON.stringify(value)}`);
  return n;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      fixtures: { type: "string" },
      "auto-approve": { type: "boolean" },
      "access-token-ttl": { type: "string" },
      "role-credential-ttl": { type: "string" },
      "assumed-role-ttl": { type: "string" },
      "refresh-token-ttl": { type: "string" },
      "throttle-rps": { type: "string" },
      "fault-rate": { type: "string" },
      "fault-kinds": { type: "string" },
      "fault-delay-ms": { type: "string" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (Boolean(values["tls-cert"]) !== Boolean(values["tls-key"])) throw new Error("--tls-cert and --tls-key go together");
  const faultRate = num("fault-rate", values["fault-rate"]);
  const faultKinds = values["fault-kinds"]?.split(",");
  const badKind = faultKinds?.find((k) => !["500", "503", "reset", "delay"].includes(k));
  if (badKind !== undefined) throw new Error(`--fault-kinds: unknown kind ${JSON.stringify(badKind)} (use 500, 503, reset, delay)`);
  const emu = await startEmulator({
    ...(values.host ? { host: values.host } : {}),
    port: num("port", values.port) ?? 0,
    ...(values.fixtures ? { fixtures: values.fixtures } : {}),
    autoApprove: values["auto-approve"] ?? false,
    ...(values["access-token-ttl"] ? { accessTokenTtlSeconds: num("access-token-ttl", values["access-token-ttl"])! } : {}),
    ...(values["role-credential-ttl"] ? { roleCredentialTtlSeconds: num("role-credential-ttl", values["role-credential-ttl"])! } : {}),
    ...(values["assumed-role-ttl"] ? { assumedRoleTtlSeconds: num("assumed-role-ttl", values["assumed-role-ttl"])! } : {}),
    ...(values["refresh-token-ttl"] ? { refreshTokenTtlSeconds: num("refresh-token-ttl", values["refresh-token-ttl"])! } : {}),
    ...(values["throttle-rps"] ? { throttleRps: num("throttle-rps", values["throttle-rps"])! } : {}),
    ...(faultRate
      ? {
          faults: {
            rate: faultRate,
            ...(faultKinds ? { kinds: faultKinds as FaultKind[] } : {}),
            ...(values["fault-delay-ms"] ? { delayMs: num("fault-delay-ms", values["fault-delay-ms"])! } : {}),
          },
        }
      : {}),
    ...(values["tls-cert"] && values["tls-key"] ? { tls: { cert: values["tls-cert"], key: values["tls-key"] } } : {}),
    ...(values.quiet ? {} : { log: (line: string) => process.stderr.write(`sso-emulator: ${line}\n`) }),
  });
  process.stdout.write(`${JSON.stringify({ url: emu.url, startUrl: emu.fixtures.startUrl, region: emu.fixtures.region })}\n`);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
