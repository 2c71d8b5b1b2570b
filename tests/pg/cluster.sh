#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the integration tests, on a private unix
# socket (no TCP), with every statement logged.
#   cluster.sh start STATE_FILE   writes SQLGUARD_TEST_DSN=... and the paths to STATE_FILE
#   cluster.sh stop STATE_FILE    stops the cluster and removes its directory
# As root, the server runs as the postgres user (initdb refuses root).
set -euo pipefail
cmd=${1:?start|stop}
state=${2:?state file}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "cluster.sh: PostgreSQL server binaries not found (Debian package postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  dir=$(mktemp -d /tmp/sqlguard-pg.XXXXXX)
  mkdir -p "$dir/sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir/sock -c log_statement=all -c fsync=off -c max_connections=40" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  {
    echo "SQLGUARD_TEST_DIR='$dir'"
    echo "SQLGUARD_TEST_DSN='host=$dir/sock dbname=postgres user=postgres'"
    echo "SQLGUARD_TEST_LOG='$dir/server.log'"
  } >"$state"
  echo "cluster.sh: started in $dir"
  ;;
stop)
  [ -f "$state" ] || exit 0
  dir=$(sed -n "s/^SQLGUARD_TEST_DIR='\\(.*\\)'$/\\1/p" "$state")
  if [ -n "$dir" ] && [ -d "$dir/data" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
  rm -f "$state"
  echo "cluster.sh: stopped"
  ;;
*)
  echo "usage: cluster.sh start|stop STATE_FILE" >&2
  exit 2
  ;;
esac
