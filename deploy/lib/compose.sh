# shellcheck shell=bash
# Shared by deploy.sh and rolling-update.sh (sourced, not run): one compose command that works with
# Compose v2 (`docker compose`) and with docker-compose 1.29 (Debian 12's only client), and a wait for
# health checks that needs neither `up --wait` nor `ps --format`, which 1.29 does not have.
# Expects compose_dir; dry_run (true|false) defaults to false.
dry_run=${dry_run:-false}

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose --project-directory "$compose_dir" -f "$compose_dir/docker-compose.yaml")
else
  compose=(docker-compose --project-directory "$compose_dir" -f "$compose_dir/docker-compose.yaml")
fi

# In a dry run, print each command instead of running it: the plan is what the tests check.
run() {
  if $dry_run; then
    printf '+ %s\n' "$*"
  else
    "$@"
  fi
}

# The state that counts for a container: its health check's verdict, or its run state if it has none.
health_format='{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}'
container_health() {
  docker inspect --format "$health_format" "$1" 2>/dev/null || echo missing
}

# wait_healthy SECONDS [SERVICE...]: every container of the services (all of the project's when none
# is named) healthy, or running when it has no health check, within SECONDS; else fails.
wait_healthy() {
  local timeout=$1 deadline containers states pending
  shift
  deadline=$(( $(date +%s) + timeout ))
  while :; do
    # One `ps` and one `inspect` a round, not one per container: each is a process start (docker-compose 1.29
    # a Python one), a sizeable share of a small host's CPU while the stack it waits for starts or recovers.
    containers=$("${compose[@]}" ps -q "$@")
    pending=""
    if [ -n "$containers" ]; then
      # shellcheck disable=SC2086 # one argument per container id
      states=$(docker inspect --format "{{.Name}}:$health_format" $containers 2>/dev/null || true)
      pending=$(grep -v -E ':(healthy|running)$' <<<"$states" | tr '\n' ' ' || true)
      if [ "$(grep -c . <<<"$states")" -lt "$(wc -w <<<"$containers")" ]; then
        pending="$pending (a container went missing)"
      fi
    fi
    if [ -z "$pending" ] && [ -n "$containers" ]; then
      return 0
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "not healthy after ${timeout}s: $pending" >&2
      return 1
    fi
    sleep 1
  done
}

# Logs of every container of the project that is not healthy.
show_unhealthy() {
  local container state
  for container in $("${compose[@]}" ps -q); do
    state=$(container_health "$container")
    if [ "$state" != healthy ] && [ "$state" != running ]; then
      echo "--- $(docker inspect --format '{{.Name}}' "$container") is $state; its last logs:" >&2
      docker logs --tail 100 "$container" >&2 || true
    fi
  done
}
