#!/usr/bin/env bash
# The test command: installs what the tests need (idempotently), then runs every suite.
# Ends with one line "N passed, N failed" summed over all suites; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/install-test-deps || { echo "installing test dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

results="$root/TestResults"
rm -rf "$results"
dotnet build Cx.slnx --nologo -v quiet || { echo "the build failed"; echo "0 passed, 1 failed"; exit 1; }
# A hung test is reported and ended instead of stalling the run.
dotnet test Cx.slnx --no-build --nologo --logger trx --results-directory "$results" --blame-hang-timeout 5m "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
exit $status
