#!/usr/bin/env bash
# Builds the solution once and runs every test project, one after another (the CI machine has 2 cores and the
# integration tests start their own redis-server processes). Ends with exactly one line: "N passed, N failed, N skipped".
# Exits non-zero when the build fails, any test fails, or a test project dies without writing its results.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

results_dir="artifacts/test-results"

# Tools the integration tests need: redis-server/redis-cli (fixture), openssl (TLS test certificates) and chromium
# (the dashboard's real-browser tests, driven by Playwright with Debian's browser).
# shellcheck source=lib/packages.sh
source "$repo_root/scripts/lib/packages.sh"
ensure_commands redis-server:redis-server redis-cli:redis-tools openssl:openssl chromium:chromium
# Headless chromium draws text only with a font installed, and --no-install-recommends leaves fonts out.
# postgresql: TravelDesk.Data's tests run the same suite on a real PostgreSQL server (initdb in a temp folder).
ensure_packages fonts-liberation postgresql

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: dotnet is not on PATH" >&2
  exit 1
fi

# --- Build once; the test runs below use --no-build. ---
echo "==> dotnet build Strata.slnx -c Release"
build_status=0
dotnet build Strata.slnx -c Release || build_status=$?
if [ "$build_status" -ne 0 ]; then
  echo "build failed (exit $build_status)"
  exit "$build_status"
fi

# --- Run each test project; a failing project does not stop the others. ---
rm -rf "$results_dir"
mkdir -p "$results_dir"

# Reads one attribute of the trx <Counters> element; 0 when absent.
counter() {
  local trx="$1" name="$2" value
  value="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 | grep -o " $name=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || true)"
  echo "${value:-0}"
}

passed=0
failed=0
skipped=0
problems=()

shopt -s nullglob
projects=()
for csproj in tests/*/*.csproj; do
  if grep -q '<IsTestProject>true</IsTestProject>' "$csproj"; then
    projects+=("$csproj")
  fi
done

if [ "${#projects[@]}" -eq 0 ]; then
  echo "test.sh: no test projects found under tests/" >&2
fi

for csproj in "${projects[@]}"; do
  name="$(basename "$csproj" .csproj)"
  trx="$results_dir/$name.trx"
  echo "==> dotnet test $csproj"
  test_status=0
  # The hang timeout kills a test host stuck on one test, so a deadlock costs minutes, not the whole CI budget.
  dotnet test "$csproj" -c Release --no-build \
    --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results_dir" \
    --blame-hang-timeout 5m --blame-hang-dump-type none \
    -- xUnit.MaxParallelThreads=2 || test_status=$?

  if [ ! -f "$trx" ]; then
    failed=$((failed + 1))
    problems+=("$name: no results file (test host crashed or did not start, exit $test_status) - counted as 1 failure")
    continue
  fi

  project_passed="$(counter "$trx" passed)"
  project_failed=$(($(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted)))
  # xunit's skipped tests show up as results with outcome NotExecuted, not in the notExecuted counter.
  project_skipped="$(grep -o '<UnitTestResult [^>]*>' "$trx" | grep -c 'outcome="NotExecuted"' || true)"

  if [ "$test_status" -ne 0 ] && [ "$project_failed" -eq 0 ]; then
    project_failed=1
    problems+=("$name: dotnet test exited $test_status with no failed test recorded (run aborted?) - counted as 1 failure")
  fi

  passed=$((passed + project_passed))
  failed=$((failed + project_failed))
  skipped=$((skipped + project_skipped))
  echo "    $name: $project_passed passed, $project_failed failed, $project_skipped skipped"
done

for problem in "${problems[@]}"; do
  echo "PROBLEM: $problem"
done
echo "results: $results_dir"
echo "$passed passed, $failed failed, $skipped skipped"

if [ "$failed" -ne 0 ]; then
  exit 1
fi
