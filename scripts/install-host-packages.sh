#!/usr/bin/env bash
# Installs the Debian packages that HealthAI runs as host processes when no container runtime is
# reachable: nginx and HAProxy (the edges), Prometheus with promtool, Alertmanager, the nginx
# exporter and mtail (monitoring); PostgreSQL 15 (the knowledge base's engine past one host); Docker,
# docker-compose, debootstrap, curl and xz-utils, which build and run the published compose stack;
# and shellcheck, Chromium, nftables and wrk, which the tests and the harness use.
# Idempotent: does nothing when every tool is already on PATH.
set -euo pipefail

declare -A wanted=(
  [nginx]=nginx
  [haproxy]=haproxy
  [prometheus]=prometheus
  [promtool]=prometheus
  [prometheus-alertmanager]=prometheus-alertmanager
  [amtool]=prometheus-alertmanager
  [prometheus-nginx-exporter]=prometheus-nginx-exporter
  [mtail]=mtail
  # The published compose stack, which the tests build (scripts/build-images.sh), start and drill:
  # the engine, Debian 12's compose client, and debootstrap for a base image when no registry answers.
  [dockerd]=docker.io
  [docker-compose]=docker-compose
  [debootstrap]=debootstrap
  # build-images.sh reads the Debian archives' Release dates and package indexes (Packages.xz).
  [curl]=curl
  [xz]=xz-utils
  # Not run by HealthAI itself: the test suite checks the deploy scripts with shellcheck and drives
  # the question page in headless Chromium.
  [shellcheck]=shellcheck
  [chromium]=chromium
  # The failure harness black-holes a replica's port with an nftables drop rule, and measures the edges'
  # throughput with wrk.
  [nft]=nftables
  [wrk]=wrk
)
# PostgreSQL's server binaries live outside PATH; the knowledge base's second engine runs them as host processes.
declare -A wanted_paths=(
  [/usr/lib/postgresql/15/bin/postgres]=postgresql-15
)

missing=()
for tool in "${!wanted[@]}"; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ] && [ ! -x "/usr/bin/$tool" ]; then
    missing+=("${wanted[$tool]}")
  fi
done
for path in "${!wanted_paths[@]}"; do
  [ -x "$path" ] || missing+=("${wanted_paths[$path]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
if [ "$(id -u)" -ne 0 ]; then
  echo "HealthAI needs these Debian packages: ${packages[*]}; run this script as root (or with sudo)." >&2
  exit 1
fi

echo "Installing host packages: ${packages[*]}"
# The packages' maintainer scripts start their daemons on install; HealthAI runs its own instances
# on its own ports, so a stray system daemon holding 80, 9090 or 9093 would only get in the way.
policy=/usr/sbin/policy-rc.d
had_policy=false
[ -e "$policy" ] && had_policy=true
if ! $had_policy; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
fi
trap '$had_policy || rm -f "$policy"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "Host packages installed."
