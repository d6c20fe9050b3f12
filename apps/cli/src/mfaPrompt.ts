import { CredentialsError, type MfaCodeProvider } from "@sso-creds/core";

// node:fs by process.getBuiltinModule, not an ESM import: importing it evaluates its lazy `promises` export (and with
// it readline and the streams stack), which the fast path of `sso env` must not pay for.
const fs = () => process.getBuiltinModule("node:fs");

/** Env var holding the MFA code for non-interactive use (CI, tests): `SSO_CREDS_MFA_CODE=123456 sso env -p admin`. */
export const MFA_CODE_ENV = "SSO_CREDS_MFA_CODE";

/**
 * How the CLI answers an mfa_serial prompt: SSO_CREDS_MFA_CODE if set, else the terminal (/dev/tty, so `sso exec`
 * and `eval "$(sso env)"` still prompt), else one line from piped stdin (read byte by byte: nothing after it is taken).
 */
export function mfaPrompt(env: Record<string, string | undefined>): MfaCodeProvider {
  return async ({ mfaSerial }) => {
    const fromEnv = env[MFA_CODE_ENV]?.trim();
    if (fromEnv) return fromEnv;
    const prompt = `Enter MFA code for ${mfaSerial}: `;
    let tty: number | undefined;
    try {
      tty = fs().openSync("/dev/tty", "r+");
    } catch {
      // no controlling terminal (CI, a test, a service): fall back to stdin
    }
    if (tty !== undefined) {
      try {
        fs().writeSync(tty, prompt);
        return readLine(tty);
      } finally {
        fs().closeSync(tty);
      }
    }
    if (process.stdin.isTTY !== true) {
      process.stderr.write(prompt);
      const line = readLine(0);
      process.stderr.write("\n");
      if (line) return line;
    }
    throw new CredentialsError(`An MFA code for ${mfaSerial} is needed and there is no terminal to ask on.`, {
      code: "MfaCodeRequired",
      fix: `export ${MFA_CODE_ENV}=<code from the MFA device>`,
    });
  };
}

function readLine(fd: number): string {
  const byte = Buffer.alloc(1);
  let line = "";
  for (;;) {
    let n: number;
    try {
      n = fs().readSync(fd, byte, 0, 1, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
      throw e;
    }
    if (n === 0 || byte[0] === 0x0a) return line.replace(/\r$/, "").trim();
    line += String.fromCharCode(byte[0]!);
    if (line.length > 64) return line.trim();
  }
}
