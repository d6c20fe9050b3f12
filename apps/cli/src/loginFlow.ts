import { chooseLoginFlow, login, type CoreDeps, type ProfileCaBundle, type SsoSession } from "@sso-creds/core";
import { startSpinner } from "./spinner.js";

export interface LoginFlowOptions {
  /** How the session is named in messages ("sso-session my-sso"). */
  label: string;
  useDeviceCode?: boolean | undefined;
  noBrowser?: boolean | undefined;
  force?: boolean | undefined;
  oidcEndpoint?: string | undefined;
  /** The profile's ca_bundle (AWS_CA_BUNDLE wins over it in core). */
  caBundle?: ProfileCaBundle | undefined;
}

/**
 * A login as `sso login` runs it, for every command that logs in (login, configure, populate's bootstrap): PKCE in
 * the browser or the device code (and the line saying why), the URL on stderr, a spinner while waiting, Ctrl-C stops
 * waiting and frees the lock.
 */
export async function runLoginFlow(deps: CoreDeps, session: SsoSession, options: LoginFlowOptions): ReturnType<typeof login> {
  const label = options.label;
  // Which flow, and why, in one line shown when a login starts (not when a cached token is reused).
  const choice = chooseLoginFlow({ useDeviceCode: options.useDeviceCode, noBrowser: options.noBrowser, legacy: session.name === undefined }, deps.env);
  const { flow, openBrowser: browserOk } = choice;
  const spinner = startSpinner();
  const openInBrowser = async (url: string) => {
    if (!browserOk) return;
    try {
      const open = (await import("open")).default;
      await open(url);
    } catch {
      // The URL is printed too; a failed launch is not fatal.
    }
  };

  // Ctrl-C: stop polling / listening and release the login lock before exiting.
  const abort = new AbortController();
  const onSigint = () => {
    abort.abort();
    // Waiting on another process's lock is not abortable: leave shortly either way.
    setTimeout(() => process.exit(130), 1000).unref();
  };
  process.once("SIGINT", onSigint);
  return login(deps, session, {
    flow,
    signal: abort.signal,
    force: options.force,
    oidcEndpoint: options.oidcEndpoint,
    caBundle: options.caBundle,
    onWaitForOtherLogin: (holder) => spinner.update(`Waiting for another login in progress for ${label}${holder ? ` (pid ${holder.pid})` : ""}…`),
    openUrl: async (url) => {
      spinner.pause();
      // Which flow and why, with the prompt (a login that fails before it keeps its one error line).
      process.stderr.write(
        `${choice.reason}\n` +
        (browserOk
          ? `Opening the browser to log in to ${label}. If it does not open, visit:\n\n  ${url}\n\n`
          : `To log in to ${label}, open this URL in a browser on this machine:\n\n  ${url}\n\n`),
      );
      await openInBrowser(url);
      spinner.update("Waiting for the browser login…");
    },
    onPrompt: async ({ verificationUri, verificationUriComplete, userCode }) => {
      spinner.pause();
      process.stderr.write(
        `${choice.reason}\nTo log in to ${label}, open:\n\n  ${verificationUriComplete ?? verificationUri}\n\nand confirm the code: ${userCode}\n\n`,
      );
      await openInBrowser(verificationUriComplete ?? verificationUri);
      spinner.update("Waiting for approval…");
    },
  }).finally(() => {
    spinner.stop();
    process.removeListener("SIGINT", onSigint);
  });
}
