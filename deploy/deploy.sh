#!/usr/bin/env bash
# Deploys HealthAI with docker compose, from the folder `./healthai publish` writes, without `down`
# (which would drop every request in flight): it builds the images (`./healthai images`, layer-cached), replaces running API
# replicas one at a time (deploy/rolling-update.sh), then brings every other service to the published
# state, recreating only what changed, and waits for health checks rather than sleeping. A service whose
# mounted configuration changed (reload.tsv: the edges, Prometheus) checks it in its container and
# reloads it by signal. On failure it prints the failing services' logs and exits non-zero. Works with
# Compose v2 and docker-compose 1.29.
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
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=deploy/lib/compose.sh
. "$here/lib/compose.sh"

# Compose recreates a container only when its own definition changed, so a service that read a rendered
# file at start keeps running the old one. Each file of reload.tsv that changed since the last deploy
# (sha256 in .deployed-configs) is checked inside its running container, then loaded by the service's
# reload signal, which drops no connection. A file that does not check stops the deploy; the service
# keeps running what it had.
reload_changed_configs() {
  local table=$compose_dir/reload.tsv state=$compose_dir/.deployed-configs
  local service files check signal sums file
  [ -f "$table" ] || return 0
  touch "$state"
  # The table on its own descriptor: docker exec would read the rest of it from standard input.
  while IFS=$'\t' read -r -u 3 service files check signal; do
    case "$service" in '#'*|'') continue ;; esac
    [ -n "$("${compose[@]}" ps -q "$service" 2>/dev/null)" ] || continue
    sums=""
    for file in ${files//,/ }; do
      sums+=$(sha256sum "$compose_dir/$file" | cut -d' ' -f1)
    done
    grep -qxF "$service $sums" "$state" && continue
    # shellcheck disable=SC2086 # the check is a command line of its own
    if ! "${compose[@]}" exec -T "$service" $check; then
      echo "$service: the new configuration does not check; it keeps running the previous one" >&2
      return 1
    fi
    "${compose[@]}" kill -s "$signal" "$service"
    echo "$service: configuration checked and reloaded ($signal)"
    { grep -v "^$service " "$state" || true; echo "$service $sums"; } > "$state.next"
    mv "$state.next" "$state"
  done 3< "$table"
}

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
if $dry_run; then
  echo "+ reload_changed_configs"
elif ! reload_changed_configs; then
  show_failures
  exit 1
fi
echo "deployed: every service is healthy"
