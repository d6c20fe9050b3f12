/**
 * The completion scripts. Each asks `sso __complete` at every TAB (as npm's and cobra's scripts do), so every rule is
 * complete.ts's and names come from the config at that moment. Output of `__complete`: one candidate per line,
 * `value` or `value<TAB>description`, then `:1` when the shell's own completion (files) should take over if there
 * is no candidate, else `:0`. `command sso` skips a shell function of that name (`sso shell-init` defines one).
 */
export function completionScript(shell: string, bin: string): string {
  switch (shell) {
    case "bash":
      return bash(bin);
    case "zsh":
      return zsh(bin);
    case "fish":
      return fish(bin);
    default:
      return powershell(bin);
  }
}

function bash(bin: string): string {
  return `# ${bin} completion for bash. Load it from ~/.bashrc:  eval "$(${bin} completion bash)"
_${bin}_complete() {
  local line=\${COMP_LINE:0:COMP_POINT} cur=\${COMP_WORDS[COMP_CWORD]} words=() out c fallback=0
  # Our own word split: bash's COMP_WORDS also breaks at = and :.
  read -ra words <<< "$line"
  [[ $line =~ [[:space:]]$ || \${#words[@]} -eq 0 ]] && words+=("")
  local full=\${words[\${#words[@]}-1]} keep=""
  # What bash will not replace when it splits --flag=value at "=".
  [[ -n $cur && $full == *"$cur" ]] && keep=\${full%"$cur"}
  out=$(command ${bin} __complete -- "\${words[@]:1}" 2>/dev/null) || return 0
  COMPREPLY=()
  while IFS= read -r c; do
    case $c in
      :1) fallback=1 ;;
      :*|'') ;;
      *) c=\${c%%$'\\t'*}; COMPREPLY+=("\${c#"$keep"}") ;;
    esac
  done <<< "$out"
  if (( \${#COMPREPLY[@]} == 0 && fallback )); then compopt -o default 2>/dev/null; fi
  return 0
}
complete -F _${bin}_complete ${bin}
`;
}

function zsh(bin: string): string {
  return `#compdef ${bin}
# ${bin} completion for zsh. Load it from ~/.zshrc:  eval "$(${bin} completion zsh)"
_${bin}() {
  local out line v fallback=0
  local -a cands
  out=$(command ${bin} __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
  for line in "\${(@f)out}"; do
    case $line in
      :1) fallback=1 ;;
      :*|'') ;;
      *) v=\${line%%$'\\t'*}; v=\${v//:/\\\\:}
         if [[ $line == *$'\\t'* ]]; then cands+=("$v:\${line#*$'\\t'}"); else cands+=("$v"); fi ;;
    esac
  done
  if (( \${#cands} )); then
    _describe -t values '${bin}' cands
  elif (( fallback )); then
    _default
  fi
}
if (( ! $+functions[compdef] )); then autoload -Uz compinit && compinit; fi
compdef _${bin} ${bin}
`;
}

function fish(bin: string): string {
  return `# ${bin} completion for fish:  ${bin} completion fish > ~/.config/fish/completions/${bin}.fish
function __${bin}_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -e tokens[1]
    command ${bin} __complete -- $tokens "$current" 2>/dev/null | while read -l line
        switch $line
            case ':1'
                __fish_complete_path "$current"
            case ':*' ''
            case '*'
                echo $line
        end
    end
end
complete -c ${bin} -f -a '(__${bin}_complete)'
`;
}

function powershell(bin: string): string {
  return `# ${bin} completion for PowerShell. Add to $PROFILE:  ${bin} completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName '${bin}' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    # The line up to the cursor; __complete splits it (older PowerShell drops empty arguments to native commands).
    $line = $commandAst.ToString()
    $offset = $cursorPosition - $commandAst.Extent.StartOffset
    if ($offset -lt $line.Length) { $line = $line.Substring(0, $offset) }
    elseif ($offset -gt $line.Length) { $line = $line + ' ' }
    $out = @(& '${bin}' __complete --line $line 2>$null)
    foreach ($item in $out) {
        if ($item -eq '' -or $item.StartsWith(':')) { continue }
        $parts = $item -split "\`t", 2
        $value = $parts[0]
        $tip = if ($parts.Count -gt 1 -and $parts[1]) { $parts[1] } else { $value }
        [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $tip)
    }
}
`;
}
