#!/usr/bin/env bash
# Runs the test suite by tier of cost: unit (no processes), integration (one real process at a time),
# then system (whole systems: the AppHost's run and the published compose stacks), which its project
# runs one system at a time. One line per tier with its time and counts, then "N passed, N failed".
#
# usage: scripts/test.sh [--fast] [ARGS...]
#   --fast   unit and integration only: no Docker daemon, no images, no whole system
#   ARGS     passed to every tier's `dotnet test` (e.g. -- --filter-class "*Nginx*")
set -euo pipefail
cd "$(dirname "$0")/.."

fast=false
if [ "${1:-}" = "--fast" ]; then
  fast=true
  shift
fi

tiers=(unit integration)
$fast || tiers+=(system)
declare -A project=(
  [unit]=tests/HealthAI.UnitTests
  [integration]=tests/HealthAI.IntegrationTests
  [system]=tests/HealthAI.SystemTests
)

summary=()
total_passed=0
total_failed=0
logs=$(mktemp -d)
dockerd_pid=""
cleanup() {
  rm -rf "$logs"
  [ -z "$dockerd_pid" ] || bash scripts/docker-daemon.sh stop "$dockerd_pid"
}
trap cleanup EXIT

# Microsoft.Testing.Platform ends a run with one summary: "failed: N", "succeeded: N".
count() { awk -v key="$1:" '/^Test run summary/ {summary=1} summary && $1 == key {print $2}' "$2" | tail -n 1; }

# The failures again at the end of a tier: CI keeps only the tail of a run.
failures() {
  grep -q '^failed ' "$1" || return 0
  echo "Failed tests:"
  awk '/^failed / {n=0; print; next} n < 6 && /^  / && !/^  from / {print; n++} /^[^ ]/ && !/^failed / {n=6}' "$1" | cut -c1-400
}

run_tier() {
  local tier=$1 log=$logs/$1.log started status passed failed
  shift
  started=$(date +%s)
  set +e
  dotnet test --project "${project[$tier]}" --no-build "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  passed=$(count succeeded "$log")
  failed=$(count failed "$log")
  if [ -z "$passed" ] && [ "$status" -ne 0 ]; then
    echo "The $tier tier did not complete (exit code $status): see the runner's errors above." >&2
    passed=0 failed=1
  fi
  failures "$log"
  total_passed=$((total_passed + ${passed:-0}))
  total_failed=$((total_failed + ${failed:-0}))
  summary+=("$(printf '%-12s %4s passed, %s failed in %ss' "$tier:" "${passed:-0}" "${failed:-0}" "$(($(date +%s) - started))")")
}

started=$(date +%s)
bash scripts/install-host-packages.sh
if ! dotnet build HealthAI.sln -nologo -v quiet; then
  echo "0 passed, 1 failed"
  exit 1
fi
summary+=("$(printf '%-12s %ss' "setup:" "$(($(date +%s) - started))")")

# The system tier's compose stacks and container-mode run need a daemon and the images; they are built
# while the first two tiers run, which need neither.
images_pid=""
if ! $fast; then
  if dockerd_pid=$(bash scripts/docker-daemon.sh start); then
    images_started=$(date +%s)
    bash scripts/build-images.sh >"$logs/images.log" 2>&1 &
    images_pid=$!
  else
    echo "No Docker daemon: the system tier's container tests will fail." >&2
  fi
fi

for tier in "${tiers[@]}"; do
  if [ "$tier" = system ] && [ -n "$images_pid" ]; then
    images_status=0
    wait "$images_pid" || images_status=$?
    cat "$logs/images.log"
    summary+=("$(printf '%-12s %ss (beside the unit and integration tiers)' "images:" "$(($(date +%s) - images_started))")")
    if [ "$images_status" -ne 0 ]; then
      echo "Building the images failed: the system tier's container tests will fail." >&2
    fi
  fi
  run_tier "$tier" "$@"
done

printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
