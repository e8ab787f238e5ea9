#!/usr/bin/env bash
# `npm test`: the whole vitest suite, then one plain summary line ("Tests: N passed, N failed, N skipped")
# computed from vitest's JSON report, so any reader of the log can count what ran.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="$root/.cache/vitest-report.json"
mkdir -p "$root/.cache"
rm -f "$report"
bash "$root/scripts/run.sh" vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
if [ -f "$report" ]; then
  bash "$root/scripts/run.sh" node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
    if (r.numTotalTests === 0) { console.error("no test ran"); process.exitCode = 1; }
    if (skipped > 0) { console.error("skipped tests count as failures here"); process.exitCode = 1; }
  ' "$report" || status=1
fi
exit $status
