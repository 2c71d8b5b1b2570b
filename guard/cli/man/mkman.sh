#!/bin/sh
# Writes the manual pages of sqlguard and of each of its commands from their
# --help text, so that a page says exactly what the program says:
#   mkman.sh SQLGUARD OUTDIR
# The help's usage lines become SYNOPSIS, its prose DESCRIPTION, its
# "commands:" and "options:" lists COMMANDS and OPTIONS, its "exit codes:"
# EXIT STATUS. The one-line summaries of the NAME sections are below.
set -eu
cli=$1
out=$2
mkdir -p "$out"
version=$("$cli" --version | sed -n 's/^sqlguard \([^ ]*\).*/\1/p')

# page name | arguments to get its help | NAME summary
pages='sqlguard||decide whether a governed SQL operation may run
sqlguard-check|check|judge operation files against a catalog
sqlguard-exec|exec|judge one operation and, if allowed, run it on PostgreSQL
sqlguard-lint|lint|lint .sql files and operation files for CI
sqlguard-rules|rules|list the rules and their default severities
sqlguard-catalog|catalog|write a catalog from a database or migrations, compare it, hash it
sqlguard-catalog-pull|catalog pull|write a catalog from a live PostgreSQL database
sqlguard-catalog-diff|catalog diff|report the drift between a catalog and a live PostgreSQL database
sqlguard-catalog-from-sql|catalog from-sql|write a catalog from migration files
sqlguard-catalog-hash|catalog hash|print the contract hash of each table of a catalog'

see_also=$(printf '%s\n' "$pages" | cut -d'|' -f1 | sed 's/$/ (1)/' | tr '\n' ',' |
  sed 's/ (1)/(1)/g; s/,$//; s/,/, /g')

printf '%s\n' "$pages" | while IFS='|' read -r name args summary; do
  # shellcheck disable=SC2086
  "$cli" $args --help | awk -v name="$name" -v summary="$summary" -v version="$version" \
    -v see_also="$see_also" '
    # roff-safe text: backslashes, minus signs, a leading dot or quote
    function esc(s) {
      gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s)
      if (s ~ /^[.\047]/) s = "\\&" s
      return s
    }
    function section(title) { printf ".SH %s\n", title }
    BEGIN {
      up = toupper(name)
      printf ".TH %s 1 \"\" \"sqlguard %s\" \"User Commands\"\n", up, version
      section("NAME"); printf "%s \\- %s\n", esc(name), esc(summary)
      section("SYNOPSIS"); print ".nf"
      state = "usage"
    }
    state == "usage" && /^$/ { print ".fi"; state = "prose"; pp = 0; section("DESCRIPTION"); next }
    state == "usage" { sub(/^usage: /, ""); sub(/^       /, ""); print esc($0); next }
    /^(options|commands):$/ {
      state = "list"; section($0 == "options:" ? "OPTIONS" : "COMMANDS"); next
    }
    /^exit codes:/ {
      state = "exit"; section("EXIT STATUS"); print ".nf"; sub(/^exit codes: /, ""); print esc($0)
      next
    }
    state == "exit" { sub(/^ +/, ""); print esc($0); next }
    state == "list" && /^$/ { state = "prose"; next }
    # an item: two spaces, the term, two or more spaces, its text
    state == "list" && /^  [^ ]/ {
      line = substr($0, 3)
      term = line; text = ""; textcol = 0
      if (match(line, /  +/)) {
        term = substr(line, 1, RSTART - 1); text = substr(line, RSTART + RLENGTH)
        textcol = 2 + RSTART + RLENGTH - 1
      }
      print ".TP"; print "\\fB" esc(term) "\\fR"
      if (text != "") print esc(text)
      example = 0
      next
    }
    # a continuation: at the text column it goes on; deeper, an example line
    state == "list" {
      match($0, /^ +/); n = RLENGTH; sub(/^ +/, "")
      if (textcol == 0) textcol = n
      if (n > textcol) { print ".br"; print "\\ \\ " esc($0); example = 1; next }
      if (example) print ".br"
      example = 0
      print esc($0); next
    }
    state == "prose" && /^$/ { pp = 1; next }
    state == "prose" && /^  / {
      if (pp) print ".PP"
      pp = 0; print ".br"; sub(/^ +/, ""); print "\\ \\ " esc($0); next
    }
    state == "prose" { if (pp) print ".PP"; pp = 0; print esc($0); next }
    END {
      if (state == "usage") print ".fi"
      if (state == "exit") print ".fi"
      section("SEE ALSO"); print esc(see_also)
    }
  ' >"$out/$name.1"
done
