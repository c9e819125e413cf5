# Tab completion for wfp in bash (and zsh with bashcompinit). Source it from ~/.bashrc:
#   source /path/to/wfp-provisioner/ops/cli/wfp-completion.bash
# wfp answers completions itself through System.CommandLine's [suggest:POSITION] directive: it is given the command
# line without the leading "wfp" and the cursor position in it, and prints one candidate per line (commands, options,
# and the accepted values of options such as --jurisdiction and --location-hint).
_wfp_complete() {
  local line="${COMP_LINE:0:COMP_POINT}"
  line="${line#*wfp}"
  line="${line# }"
  local IFS=$'\n'
  COMPREPLY=($(wfp "[suggest:${#line}]" "$line" 2>/dev/null))
}
complete -o default -F _wfp_complete wfp
