import { USE_SCRIPT_HEADER, type UseShell } from "@sso-creds/core";
import { SHELL_INIT } from "./shells.js";

/**
 * The shell function `sso shell-init SHELL` prints. `sso use …` runs the real program with SSO_CREDS_SHELL set and
 * evaluates its output only when it is a use script (it starts with the header line): `sso use --help` or an error
 * is shown, never run. Every other `sso …` goes to the program unchanged (`command sso`, so the function never
 * calls itself). The picker draws on stderr, so it works while the shell captures stdout.
 */
export function shellInit(shell: UseShell): string {
  switch (shell) {
    case "bash":
    case "zsh":
      return `# sso-creds: 'sso use [PROFILE]' sets credentials in this shell, 'sso use --unset' clears them.
# Load it from ${SHELL_INIT[shell].rc} with: ${SHELL_INIT[shell].load}
sso() {
  if [ "\${1-}" = use ]; then
    local __sso_script
    __sso_script="$(SSO_CREDS_SHELL=${shell} command sso "$@")" || return $?
    case "$__sso_script" in
      "${USE_SCRIPT_HEADER}"*) eval "$__sso_script" ;;
      *) [ -z "$__sso_script" ] || printf '%s\\n' "$__sso_script" ;;
    esac
  else
    command sso "$@"
  fi
}
`;
    case "fish":
      return `# sso-creds: 'sso use [PROFILE]' sets credentials in this shell, 'sso use --unset' clears them.
# Load it from ${SHELL_INIT.fish.rc} with: ${SHELL_INIT.fish.load}
function sso --description 'sso-creds (sso use sets credentials in this shell)'
    if test "$argv[1]" = use
        set -l __sso_lines (SSO_CREDS_SHELL=fish command sso $argv)
        or return $status
        if test "$__sso_lines[1]" = "${USE_SCRIPT_HEADER}"
            string join \\n -- $__sso_lines | source
        else if test (count $__sso_lines) -gt 0
            string join \\n -- $__sso_lines
        end
    else
        command sso $argv
    end
end
`;
    case "powershell":
      return `# sso-creds: 'sso use [PROFILE]' sets credentials in this session, 'sso use --unset' clears them.
# Load it from ${SHELL_INIT.powershell.rc} with: ${SHELL_INIT.powershell.load}
function sso {
  $ssoExe = Get-Command -Name sso -CommandType Application, ExternalScript -ErrorAction Stop | Select-Object -First 1
  if ($args.Count -gt 0 -and $args[0] -eq 'use') {
    $env:SSO_CREDS_SHELL = 'powershell'
    try { $ssoOut = & $ssoExe @args } finally { Remove-Item -ErrorAction SilentlyContinue Env:SSO_CREDS_SHELL }
    if ($LASTEXITCODE -ne 0) { return }
    $ssoText = ($ssoOut | Out-String)
    if ($ssoText.StartsWith('${USE_SCRIPT_HEADER}')) { Invoke-Expression $ssoText } elseif ($ssoText.Trim()) { $ssoText }
  } else {
    & $ssoExe @args
  }
}
`;
    default: {
      const unknown: never = shell;
      throw new Error(`unknown shell ${String(unknown)}`);
    }
  }
}
