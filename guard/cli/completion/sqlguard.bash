# bash completion for sqlguard (installed as
# share/bash-completion/completions/sqlguard). The options of each command
# are those of its --help; a test keeps the two alike.

_sqlguard_options() {
  case $1 in
    check) echo "--catalog --policy --format --ndjson --help --version" ;;
    exec) echo "--catalog --policy --dsn --dry-run --help --version" ;;
    lint) echo "--catalog --policy --data-source --format --profile --placeholders --max-warnings --jobs --no-timing --exclude --operations --stdin-filename --help --version" ;;
    rules) echo "--format --help --version" ;;
    "catalog pull") echo "--dsn --schema --prefix --catalog --data-source -o --help --version" ;;
    "catalog diff") echo "--catalog --dsn --data-source --schema --prefix --format --help --version" ;;
    "catalog from-sql") echo "--catalog --schema --data-source -o --help --version" ;;
    "catalog hash") echo "--catalog --data-source --help --version" ;;
  esac
}

_sqlguard_formats() {
  case $1 in
    check | "catalog diff") echo "text json" ;;
    lint) echo "text json sarif github gitlab junit" ;;
    rules) echo "text json markdown" ;;
  esac
}

_sqlguard() {
  local cur prev cmd
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W "check exec lint rules catalog --help --version" -- "$cur")
    return
  fi
  cmd=${COMP_WORDS[1]}
  if [ "$cmd" = catalog ]; then
    if [ "$COMP_CWORD" -eq 2 ]; then
      mapfile -t COMPREPLY < <(compgen -W "pull diff from-sql hash --help --version" -- "$cur")
      return
    fi
    cmd="catalog ${COMP_WORDS[2]}"
  fi
  case $prev in
    --format)
      mapfile -t COMPREPLY < <(compgen -W "$(_sqlguard_formats "$cmd")" -- "$cur")
      return
      ;;
    --profile)
      mapfile -t COMPREPLY < <(compgen -W "repository strict" -- "$cur")
      return
      ;;
    --placeholders)
      mapfile -t COMPREPLY < <(compgen -W "auto psycopg dollar none" -- "$cur")
      return
      ;;
    --catalog | --policy | -o | --stdin-filename)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return
      ;;
    --dsn | --schema | --prefix | --data-source | --jobs | --max-warnings | --exclude | --operations)
      return
      ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_sqlguard_options "$cmd")" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}

complete -o filenames -F _sqlguard sqlguard
