#!/usr/bin/env bash
# Starts a Docker daemon for the test run when none answers, and stops exactly the one it started.
#
# usage: scripts/docker-daemon.sh start   prints the pid of the dockerd it started, nothing when one answered already
#        scripts/docker-daemon.sh stop PID stops that dockerd (and its containerd), waiting until it is gone
set -euo pipefail

# In the repository's artifacts, beside the test reports, not in the shared temp folder.
log=$(cd "$(dirname "$0")/.." && pwd)/artifacts/dockerd.log
mkdir -p "$(dirname "$log")"

case "${1:-}" in
  start)
    if docker info >/dev/null 2>&1; then
      exit 0
    fi
    if ! command -v dockerd >/dev/null 2>&1; then
      echo "no Docker daemon answers and dockerd is not installed (scripts/install-host-packages.sh installs docker.io)" >&2
      exit 1
    fi
    if [ "$(id -u)" -ne 0 ]; then
      echo "no Docker daemon answers, and starting one needs root: start dockerd, or run as root" >&2
      exit 1
    fi
    dockerd >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 60); do
      if docker info >/dev/null 2>&1; then
        echo "$pid"
        exit 0
      fi
      if ! kill -0 "$pid" 2>/dev/null; then
        break
      fi
      sleep 0.5
    done
    echo "dockerd did not answer within 30 s; its log ($log):" >&2
    tail -n 30 "$log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
    ;;
  stop)
    pid=${2:?usage: $0 stop PID}
    # Only a dockerd: a pid reused by something else is left alone.
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then
      kill -TERM "$pid"
      for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || exit 0
        sleep 0.5
      done
      echo "dockerd $pid did not stop within 30 s" >&2
      exit 1
    fi
    ;;
  *)
    sed -n '2,5p' "$0" >&2
    exit 2
    ;;
esac
