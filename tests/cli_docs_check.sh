#!/usr/bin/env bash
# The manual pages and the shell completions say what the program says: for
# sqlguard and each command, every option its --help lists is in the man
# page's OPTIONS (the pages are written from --help at build time,
# guard/cli/man/mkman.sh), in the bash completion's list for that command,
# which lists nothing else (but --help and --version), and in the zsh
# completion; each page renders without a groff warning.
#   cli_docs_check.sh SQLGUARD MAN_DIR SOURCE_DIR
set -euo pipefail
cli=$1
man=$2
src=$3
status=0
fail() {
  echo "cli_docs_check: $*" >&2
  status=1
}
# shellcheck source=/dev/null
source "$src/guard/cli/completion/sqlguard.bash"
zsh_file=$src/guard/cli/completion/_sqlguard

options_of_help() {
  # shellcheck disable=SC2086
  "$cli" $1 --help | awk '/^options:$/ { on = 1; next } /^[^ ]/ { on = 0 }
    on && /^  -/ { sub(/^  /, ""); sub(/  .*/, ""); print }' |
    { grep -oE '(^|[ ,])(--[a-z][a-z-]*|-[a-zA-Z])\b' || true; } | tr -d ' ,' | sort -u
}

pages=0
for cmd in "" check exec lint rules catalog "catalog pull" "catalog diff" "catalog from-sql" \
  "catalog hash"; do
  page=$man/sqlguard${cmd:+-${cmd// /-}}.1
  [ -s "$page" ] || { fail "no manual page $page"; continue; }
  pages=$((pages + 1))
  opts=$(options_of_help "$cmd")
  [ -n "$opts" ] || [ "$cmd" = catalog ] || fail "sqlguard $cmd --help lists no option"
  options_section=$(sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page" | sed 's/\\-/-/g')
  for o in $opts; do
    grep -qE -- "(^|[^a-z-])$o([^a-z-]|$)" <<<"$options_section" ||
      fail "$page: OPTIONS lacks $o"
  done
  case $cmd in
    "" | catalog) continue ;; # commands, not options, are completed there
  esac
  completed=$(_sqlguard_options "$cmd" | tr ' ' '\n' | sort -u)
  for o in $opts; do
    case $o in -h | --help) continue ;; esac # the common ones, in both files
    grep -qx -- "$o" <<<"$completed" || fail "bash completion of '$cmd' lacks $o"
    grep -qF -- "'$o[" "$zsh_file" || fail "zsh completion lacks $o"
  done
  for o in $completed; do
    case $o in --help | --version) continue ;; esac
    grep -qx -- "$o" <<<"$opts" || fail "bash completion of '$cmd' offers $o, which --help lacks"
  done
done
if command -v groff >/dev/null; then
  for page in "$man"/*.1; do
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [ -z "$warnings" ] || fail "$page: $warnings"
  done
fi
[ $status -eq 0 ] && echo "cli_docs_check: $pages manual pages and both completions agree with --help"
exit $status
