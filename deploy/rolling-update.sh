#!/usr/bin/env bash
# Replaces the HealthAI API replicas of a docker compose deployment one at a time, with no downtime:
# for each replica, primaries first and the backup last,
#   1. remember the image it runs, for a rollback;
#   2. stop it gracefully: on SIGTERM the replica turns not-ready (HAProxy takes it out within 2 s),
#      keeps serving for its drain period, then finishes the requests in flight; nginx retries any
#      refused connection on the next replica;
#   3. start it on the image the compose file names now and wait until its health check (its own
#      /readyz) passes; it keeps its fixed address, so the edges need no reload;
#   4. give the edges a moment to take it back before the next one goes.
# If a replica does not become healthy, it is rolled back to the image it ran, its logs are shown,
# and the update stops with a non-zero exit: the other replicas keep serving the old version.
# Works with Compose v2 and with docker-compose 1.29.
#
# usage: deploy/rolling-update.sh [--dry-run [--fail-at REPLICA]] [--compose-dir DIR] [--timeout SECONDS] [REPLICA...]
#   --dry-run            print the plan instead of running it
#   --fail-at REPLICA    with --dry-run: pretend REPLICA never becomes healthy, to show the rollback
set -euo pipefail

here=$(dirname "$0")
compose_dir=$here/../artifacts/compose
timeout=120
settle=3
dry_run=false
fail_at=""
replicas=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    --fail-at) fail_at=$2; shift ;;
    --compose-dir) compose_dir=$2; shift ;;
    --timeout) timeout=$2; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) replicas+=("$1") ;;
  esac
  shift
done
[ ${#replicas[@]} -gt 0 ] || replicas=(healthai-app-1 healthai-app-2 healthai-app-3 healthai-app-backup)

# shellcheck source=deploy/lib/compose.sh
. "$here/lib/compose.sh"

# The wait for health, or in a dry run its plan; a rehearsed failure makes the chosen replica's first wait fail.
await_healthy() {
  if $dry_run; then
    printf '+ wait_healthy %s %s\n' "$timeout" "$1"
    if [ "$fail_at" = "$1" ]; then
      fail_at=""
      return 1
    fi
  else
    wait_healthy "$timeout" "$1"
  fi
}

current_image() {
  if $dry_run; then
    echo "<image of $1>"
  else
    docker inspect --format '{{.Image}}' "$("${compose[@]}" ps -q "$1")"
  fi
}

# The image name the compose file gives the replica (what a new container of it would run).
named_image() {
  if $dry_run; then
    echo "<the API image>"
  else
    docker inspect --format '{{.Config.Image}}' "$("${compose[@]}" ps -q "$1")"
  fi
}

roll_back() {
  local replica=$1 previous=$2
  echo "$replica did not become healthy: rolling it back" >&2
  $dry_run || "${compose[@]}" logs --tail 100 "$replica" >&2 || true
  run docker tag "$previous" "$(named_image "$replica")"
  run "${compose[@]}" up --detach --no-deps "$replica"
  await_healthy "$replica"
}

for replica in "${replicas[@]}"; do
  echo "== $replica"
  previous=$(current_image "$replica")
  run "${compose[@]}" stop --timeout "$timeout" "$replica"
  run "${compose[@]}" up --detach --no-deps "$replica"
  if ! await_healthy "$replica"; then
    roll_back "$replica" "$previous" || echo "$replica: the rollback did not become healthy either" >&2
    exit 1
  fi
  run sleep "$settle"
done
echo "rolling update complete: ${replicas[*]}"
