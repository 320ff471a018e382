#!/usr/bin/env bash
# Deploys HealthAI with docker compose, from the folder `./healthai publish` writes, without the
# seed's `down`: it builds the API image, replaces running API replicas one at a time
# (deploy/rolling-update.sh), then brings every other service to the published state, recreating only
# what changed, and waits for health checks rather than sleeping. On failure it prints the failing
# services' logs and exits non-zero.
#
# usage: deploy/deploy.sh [--dry-run] [--first] [--compose-dir DIR] [--timeout SECONDS]
#   --first   a first deployment: nothing is running yet, so there is nothing to roll
set -euo pipefail

here=$(dirname "$0")
compose_dir=$here/../artifacts/compose
timeout=180
dry_run=false
first=false
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    --first) first=true ;;
    --compose-dir) compose_dir=$2; shift ;;
    --timeout) timeout=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

compose=(docker compose --project-directory "$compose_dir" -f "$compose_dir/docker-compose.yaml")

run() {
  if $dry_run; then
    printf '+ %s\n' "$*"
  else
    "$@"
  fi
}

show_failures() {
  echo "deployment failed; services that are not healthy:" >&2
  run "${compose[@]}" ps --all >&2 || true
  if ! $dry_run; then
    "${compose[@]}" ps --all --format '{{.Service}} {{.Health}} {{.State}}' \
      | awk '$2 != "healthy" && $3 != "running" || $2 == "unhealthy" {print $1}' \
      | while read -r service; do
          echo "--- logs of $service" >&2
          "${compose[@]}" logs --tail 100 "$service" >&2 || true
        done
  fi
}

if ! $dry_run && [ ! -f "$compose_dir/.env" ]; then
  echo "no $compose_dir/.env: copy .env.template there and fill every value" >&2
  exit 1
fi

run "${compose[@]}" build
if ! $first; then
  rolling=("$here/rolling-update.sh" --compose-dir "$compose_dir")
  $dry_run && rolling+=(--dry-run)
  "${rolling[@]}" || { show_failures; exit 1; }
fi
if ! run "${compose[@]}" up --detach --remove-orphans --wait --wait-timeout "$timeout"; then
  show_failures
  exit 1
fi
echo "deployed: every service is healthy"
