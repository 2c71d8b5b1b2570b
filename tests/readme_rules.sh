#!/usr/bin/env bash
# The README's rule table is generated from the rule table: this test fails
# when the two drift apart. Regenerate with `sqlguard rules --format markdown`.
set -euo pipefail
cli=${1:?path of sqlguard}
readme=${2:?path of README.md}
expected=$("$cli" rules --format markdown)
actual=$(sed -n '/^<!-- rules:begin/,/^<!-- rules:end -->/p' "$readme" | sed '1d;$d')
if [ "$expected" != "$actual" ]; then
  echo "README.md's rule table differs from the rule table:"
  diff <(echo "$actual") <(echo "$expected") || true
  exit 1
fi
echo "README rule table: $(echo "$expected" | tail -n +3 | wc -l) rules, current"
