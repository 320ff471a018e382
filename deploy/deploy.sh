#!/usr/bin/env bash
# Deploys HealthAI with docker compose, from the folder `./healthai publish` writes, without the
# seed's `down`: it builds the images (`./healthai images`, layer-cached), replaces running API
# replicas one at a time (deploy/rolling-update.sh), then brings every other service to the published
# state, recreating only what changed, and waits for health checks rather than sleeping. On failure
# it prints the failing services' logs and exits non-zero. Works with Compose v2 and docker-compose 1.29.
#
# usage: deploy/deploy.sh [--dry-run] [--first] [--no-build] [--compose-dir DIR] [--timeout SECONDS]
#   --first      a first deployment: nothing is running yet, so there is nothing to roll
#   --no-build   the images are built already
set -euo pipefail

here=$(dirname "$0")
compose_dir=$here/../artifacts/compose
timeout=180
dry_run=false
first=false
build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    --first) first=true ;;
    --no-build) build=false ;;
    --compose-dir) compose_dir=$2; shift ;;
    --timeout) timeout=$2; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=deploy/lib/compose.sh
. "$here/lib/compose.sh"

show_failures() {
  echo "deployment failed; the services:" >&2
  run "${compose[@]}" ps >&2 || true
  $dry_run || show_unhealthy
}

if ! $dry_run && [ ! -f "$compose_dir/.env" ]; then
  echo "no $compose_dir/.env: copy .env.template there and fill every value" >&2
  exit 1
fi

if $build; then
  run "$here/../healthai" images --compose-dir "$compose_dir"
fi
if ! $first; then
  rolling=("$here/rolling-update.sh" --compose-dir "$compose_dir")
  $dry_run && rolling+=(--dry-run)
  "${rolling[@]}" || { show_failures; exit 1; }
fi
if ! run "${compose[@]}" up --detach --remove-orphans; then
  show_failures
  exit 1
fi
if $dry_run; then
  printf '+ wait_healthy %s\n' "$timeout"
elif ! wait_healthy "$timeout"; then
  show_failures
  exit 1
fi
echo "deployed: every service is healthy"
