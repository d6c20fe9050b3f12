import type { UseShell } from "@sso-creds/core";

/**
 * Where each shell loads the `sso shell-init` function from and the line that loads it: one table for shell-init's
 * examples, the header of the function it prints, `sso use`'s examples and its error where the function is missing.
 */
export const SHELL_INIT: Record<UseShell, { label: string; rc: string; load: string }> = {
  bash: { label: "bash", rc: "~/.bashrc", load: 'eval "$(sso shell-init bash)"' },
  zsh: { label: "zsh", rc: "~/.zshrc", load: 'eval "$(sso shell-init zsh)"' },
  fish: { label: "fish", rc: "~/.config/fish/config.fish", load: "sso shell-init fish | source" },
  powershell: { label: "PowerShell", rc: "$PROFILE", load: "sso shell-init powershell | Out-String | Invoke-Expression" },
};
