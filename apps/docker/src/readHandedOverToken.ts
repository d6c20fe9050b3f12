import { join } from "node:path";
import { normalizeStartUrl, parseAwsTimestamp, parseTokenInput, sameStartUrl, TokenError, tokenCacheKey, type CoreDeps, type SsoToken } from "@sso-creds/core";
import type { TokenSource } from "./readSettings.js";

export interface HandedOverToken {
  token: SsoToken;
  /** For messages: "the token file /home/node/.aws/sso/cache/<key>.json", "the SSO_TOKEN variable". */
  source: string;
}

const MOUNT_CACHE = "docker run -v ~/.aws/sso/cache:/home/node/.aws/sso/cache:ro ...";

/**
 * Reads the token from the variable, file or directory the settings name. Only reads: mounts are normally read-only,
 * and a copied token must never be overwritten. Every failure is a one-line TokenError saying what to mount or set.
 */
export async function readHandedOverToken(deps: CoreDeps, source: TokenSource, startUrl?: string): Promise<HandedOverToken> {
  if (source.kind === "variable") return { token: parseTokenInput(source.text, "the SSO_TOKEN variable"), source: "the SSO_TOKEN variable" };
  const { path } = source;
  const stat = await deps.fs.stat(path).catch((e: NodeJS.ErrnoException) => {
    throw unreadable(source, path, e);
  });
  if (!stat.isDirectory()) return readTokenFile(deps, source, path);
  if (source.session) {
    // The file the AWS CLI wrote for this sso-session (or legacy start URL), not whichever one is newest.
    const file = join(path, `${tokenCacheKey(source.session)}.json`);
    return readTokenFile(deps, { ...source, from: "profile" }, file);
  }
  return newestTokenIn(deps, source, path, startUrl);
}

async function readTokenFile(deps: CoreDeps, source: Extract<TokenSource, { kind: "path" }>, path: string): Promise<HandedOverToken> {
  const text = await deps.fs.readFile(path, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw unreadable(source, path, e);
  });
  const name = `the token file ${path}`;
  return { token: parseTokenInput(text, name), source: name };
}

/** A mounted ~/.aws/sso/cache with no profile to say which file: the token for the one start URL there, newest first. */
async function newestTokenIn(deps: CoreDeps, source: Extract<TokenSource, { kind: "path" }>, dir: string, startUrl?: string): Promise<HandedOverToken> {
  const entries = await deps.fs.readdir(dir).catch((e: NodeJS.ErrnoException) => {
    throw unreadable(source, dir, e);
  });
  const names = entries.filter((n) => n.endsWith(".json")).sort();
  if (!names.length) {
    throw new TokenError(`${dir} has no .json token file${entries.length ? "" : " (it is empty: Docker mounts an empty directory when the host path of -v does not exist)"}.`, {
      code: "TokenMissing",
      fix: `check the host side of the mount (ls ~/.aws/sso/cache after sso login), then mount it read-only: ${MOUNT_CACHE}`,
    });
  }
  const tokens: HandedOverToken[] = [];
  for (const name of names) {
    const path = join(dir, name);
    // Client registrations and role-credential caches share the directory; only files with an accessToken are tokens.
    const loaded = await readTokenFile(deps, source, path).catch(() => undefined);
    if (loaded) tokens.push(loaded);
  }
  const wanted = startUrl ? tokens.filter((t) => t.token.startUrl !== undefined && sameStartUrl(t.token.startUrl, startUrl)) : tokens;
  if (!wanted.length) {
    throw new TokenError(`${dir} has no SSO token file${startUrl ? ` for ${startUrl}` : ""} (a .json file with an accessToken).`, {
      code: "TokenMissing",
      fix: `run sso login on the host, then mount its token cache read-only: ${MOUNT_CACHE}`,
    });
  }
  // One instance however its start URL is written (core's rule): "…/start" and "…/start/#/" are not two.
  const byInstance = new Map(wanted.map((t) => [t.token.startUrl === undefined ? "(no startUrl)" : normalizeStartUrl(t.token.startUrl), t.token.startUrl ?? "(no startUrl)"]));
  const startUrls = [...byInstance.values()];
  if (startUrls.length > 1) {
    throw new TokenError(`${dir} has tokens for several start URLs (${startUrls.join(", ")}); which one to use is not clear.`, {
      code: "TokenAmbiguous",
      fix: "set SSO_START_URL to one of them, or SSO_TOKEN_FILE to the one file",
    });
  }
  const expiry = (t: HandedOverToken) => parseAwsTimestamp(t.token.expiresAt) ?? 0;
  return wanted.reduce((a, b) => (expiry(b) > expiry(a) ? b : a));
}

function unreadable(source: Extract<TokenSource, { kind: "path" }>, path: string, e: NodeJS.ErrnoException): TokenError {
  if (e.code === "ENOENT") {
    if (source.from === "SSO_TOKEN_FILE") {
      return new TokenError(`SSO_TOKEN_FILE is ${source.path}, which does not exist in the container.`, {
        code: "TokenMissing",
        fix: `mount the token file or ~/.aws/sso/cache there read-only (docker run -v ~/.aws/sso/cache:${source.path}:ro ...), or correct SSO_TOKEN_FILE`,
      });
    }
    if (source.from === "profile") {
      return new TokenError(`There is no SSO token at ${path} (the file the AWS CLI writes for ${source.session?.name ? `sso-session ${source.session.name}` : source.session?.startUrl}).`, {
        code: "TokenMissing",
        fix: "log in on the host (sso login), then mount ~/.aws read-only: docker run -v ~/.aws:/home/node/.aws:ro ...",
      });
    }
    return new TokenError(`No SSO token: SSO_TOKEN and SSO_TOKEN_FILE are not set and ${path} does not exist.`, {
      code: "TokenMissing",
      fix: `mount your token cache read-only (${MOUNT_CACHE}), or pass a token file's JSON in SSO_TOKEN`,
    });
  }
  if (e.code === "EACCES") {
    const uid = process.getuid?.();
    return new TokenError(`Cannot read ${path}: permission denied for the container's user${uid === undefined ? "" : ` (uid ${uid})`}.`, {
      code: "TokenUnreadable",
      fix: `docker run --user "$(id -u):$(id -g)" ... (run as the owner of the token file), or make it readable to uid ${uid ?? 1000} on the host`,
    });
  }
  return new TokenError(`Cannot read ${path} (${e.code ?? e.message}).`, { code: "TokenUnreadable", fix: `check the mount of ${path}: it must be a token file or a directory of them` });
}
