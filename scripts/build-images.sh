#!/usr/bin/env bash
# Builds the images HealthAI runs in containers, with layer caching, one progress line per image:
# the API (from its self-contained publish), nginx, HAProxy, Prometheus, Alertmanager, the nginx
# exporter and PostgreSQL with pg_auto_failover (the compose postgres profile), each from Debian's packages. Their names, tags and Dockerfiles are read from the published
# docker-compose.yaml, which the app model writes: nothing here names an image.
#
# Every Dockerfile starts FROM one base image: $HEALTHAI_BASE_IMAGE when set, else debian:bookworm-slim
# when it is present or a registry gives it, else a local base made once with debootstrap and
# `docker import` (healthai/debian-base:bookworm), and reused while it exists.
#
# usage: scripts/build-images.sh [--compose-dir DIR]
#   --compose-dir DIR   a published compose folder (default: publish every image's compose file into a temporary folder first)
set -euo pipefail
cd "$(dirname "$0")/.."

compose_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --compose-dir) compose_dir=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

registry_base=debian:bookworm-slim
local_base=healthai/debian-base:bookworm
# The API image's build context is HealthAI.Api; its .dockerignore sends only this folder.
api_publish=HealthAI.Api/bin/container

if ! docker info >/dev/null 2>&1; then
  echo "no Docker daemon answers: start one (dockerd), or run ./healthai test, which starts one itself" >&2
  exit 1
fi

elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

apt_mirror() {
  {
    awk '/^URIs:/ { print $2 }' /etc/apt/sources.list.d/*.sources 2>/dev/null
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' /etc/apt/sources.list 2>/dev/null
  } | grep -v -- '-security' | head -n 1
}

make_local_base() {
  local root started
  started=$(date +%s)
  root=$(mktemp -d)
  if ! command -v debootstrap >/dev/null 2>&1; then
    echo "no registry gives $registry_base and debootstrap is missing: run scripts/install-host-packages.sh" >&2
    exit 1
  fi
  # The same mirror apt uses on this host (the one reachable here), else debootstrap's own default.
  local mirror
  mirror=$(apt_mirror)
  debootstrap --variant=minbase bookworm "$root" ${mirror:+"$mirror"} >"$root.log" 2>&1 \
    || { cat "$root.log" >&2; rm -rf "$root" "$root.log"; exit 1; }
  rm -f "$root.log"
  # Package lists and downloaded archives are stale the moment the base is made; every image updates its own.
  rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import - "$local_base" >/dev/null
  rm -rf "$root"
  printf '%-44s made with debootstrap in %s\n' "$local_base" "$(elapsed "$started")"
}

base_image() {
  if [ -n "${HEALTHAI_BASE_IMAGE:-}" ]; then
    echo "$HEALTHAI_BASE_IMAGE"
  elif docker image inspect "$registry_base" >/dev/null 2>&1 || timeout 60 docker pull -q "$registry_base" >/dev/null 2>&1; then
    echo "$registry_base"
  else
    docker image inspect "$local_base" >/dev/null 2>&1 || make_local_base >&2
    echo "$local_base"
  fi
}

# image<TAB>context<TAB>dockerfile for every service the compose file builds, each image once.
built_images() {
  awk '
    /^services:/ { in_services = 1; next }
    /^[^ ]/ { in_services = 0 }
    !in_services { next }
    /^  [^ ]/ { flush(); image = ""; context = ""; dockerfile = ""; next }
    { gsub(/["\047]/, "") }
    /^    image:/ { image = $2 }
    /^      context:/ { context = $2 }
    /^      dockerfile:/ { dockerfile = $2 }
    function flush() { if (image != "" && context != "" && !(image in seen)) { seen[image] = 1; print image "\t" context "\t" dockerfile } }
    END { flush() }
  ' "$1"
}

base=$(base_image)

started=$(date +%s)
dotnet publish HealthAI.Api -c Release -r linux-x64 --self-contained -o "$api_publish" -v quiet -nologo >/dev/null
printf '%-44s self-contained publish in %s\n' "$api_publish" "$(elapsed "$started")"

if [ -z "$compose_dir" ]; then
  # Published on the PostgreSql engine: its compose file names every image, the postgres profile's too.
  published=$(mktemp -d)
  trap 'rm -rf "$published"' EXIT
  dotnet build HealthAI.AppHost -v quiet -nologo >/dev/null
  dotnet run --project HealthAI.AppHost --no-build --no-launch-profile -- --operation publish --step publish --output-path "$published" \
    HealthAI:KnowledgeBase:Engine=PostgreSql >/dev/null
  compose_dir=$published/compose
fi

export DOCKER_BUILDKIT=0  # the classic builder: its cache is the daemon's own, and it reports cached steps
log=$(mktemp)
trap 'rm -f "$log"; rm -rf "${published:-}"' EXIT
count=0
while IFS=$'\t' read -r image context dockerfile; do
  # Contexts are written relative to the repository (the compose file's ${HEALTHAI_SOURCE}).
  context=${context#*\}/}
  started=$(date +%s)
  if ! docker build --build-arg "BASE_IMAGE=$base" -t "$image" -f "$context/${dockerfile:-Dockerfile}" "$context" >"$log" 2>&1; then
    cat "$log" >&2
    echo "$image: build failed" >&2
    exit 1
  fi
  steps=$(grep -c '^Step ' "$log" || true)
  cached=$(grep -c 'Using cache' "$log" || true)
  printf '%-44s built in %s (%s of %s steps cached, FROM %s)\n' "$image" "$(elapsed "$started")" "$cached" "$steps" "$base"
  count=$((count + 1))
done < <(built_images "$compose_dir/docker-compose.yaml")
[ "$count" -gt 0 ] || { echo "no image to build in $compose_dir/docker-compose.yaml" >&2; exit 1; }
