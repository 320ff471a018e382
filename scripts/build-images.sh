#!/usr/bin/env bash
# Builds the images HealthAI runs in containers, with layer caching, one progress line per image:
# the API (from its self-contained publish), nginx, HAProxy, Prometheus, Alertmanager, the nginx
# exporter and PostgreSQL with pg_auto_failover (the compose postgres profile), each from Debian's packages. Their names, tags and Dockerfiles are read from the published
# docker-compose.yaml, which the app model writes: nothing here names an image.
#
# Every Dockerfile starts FROM one base image: $HEALTHAI_BASE_IMAGE when set, else debian:bookworm-slim
# when it is present or a registry gives it, else a local base made with debootstrap and `docker import`
# (healthai/debian-base:bookworm, with bookworm, bookworm-updates and bookworm-security, upgraded),
# remade when it is 30 days old. Each image's first layer upgrades from those suites, and is rebuilt
# whenever one of them changed (APT_ARCHIVES, their Release dates). Under each image, a line names the
# security updates it has: its packages at a version bookworm-security published and the point release lacks.
#
# usage: scripts/build-images.sh [--compose-dir DIR]
#   --compose-dir DIR   a published compose folder (default: publish every image's compose file into a temporary folder first)
set -euo pipefail
cd "$(dirname "$0")/.."

compose_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --compose-dir) compose_dir=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

registry_base=debian:bookworm-slim
local_base=healthai/debian-base:bookworm
# A fresh base keeps each image's upgrade layer small; remaking it costs one debootstrap a month.
local_base_max_days=30
# The API image's build context is HealthAI.Api; its .dockerignore sends only this folder.
api_publish=HealthAI.Api/bin/container

if ! docker info >/dev/null 2>&1; then
  echo "no Docker daemon answers: start one (dockerd), or run ./healthai test, which starts one itself" >&2
  exit 1
fi

export DOCKER_BUILDKIT=0  # the classic builder: its cache is the daemon's own, and it reports cached steps
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log=$tmp/build.log

elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# The archive this host's apt uses (the one reachable here) for "main" or "security", else Debian's own.
apt_uri() {
  local uris
  uris=$({
    awk '/^URIs:/ { print $2 }' /etc/apt/sources.list.d/*.sources
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' /etc/apt/sources.list
  } 2>/dev/null || true)
  if [ "$1" = security ]; then
    grep -m 1 -- '-security' <<<"$uris" || echo http://deb.debian.org/debian-security
  else
    grep -m 1 -v -- '-security' <<<"$uris" || echo http://deb.debian.org/debian
  fi
}
main_uri=$(apt_uri main)
main_uri=${main_uri%/}
security_uri=$(apt_uri security)
security_uri=${security_uri%/}

# The suites' Release dates, a build argument of each image's first layer: it is rebuilt exactly when one changes.
apt_archives=""
for suite in bookworm bookworm-updates bookworm-security; do
  uri=$main_uri
  [ "$suite" != bookworm-security ] || uri=$security_uri
  if ! released=$(curl -fsS --max-time 60 "$uri/dists/$suite/InRelease" | sed -n 's/^Date: //p') || [ -z "$released" ]; then
    echo "cannot read the Date of $uri/dists/$suite/InRelease: every image installs from that suite" >&2
    exit 1
  fi
  apt_archives+="$suite $released; "
done

# package<TAB>version of every package in INDEX_URI (a Packages.xz).
package_versions() {
  curl -fsS --max-time 120 "$1" | xz -dc | awk '/^Package:/ { name = $2 } /^Version:/ { print name "\t" $2 }'
}
# The security updates the report looks for: versions bookworm-security published that the point release lacks.
arch=$(docker version -f '{{.Server.Arch}}')
security_index=$tmp/security-updates
if ! package_versions "$main_uri/dists/bookworm/main/binary-$arch/Packages.xz" >"$tmp/point-release" \
  || ! package_versions "$security_uri/dists/bookworm-security/main/binary-$arch/Packages.xz" \
    | awk 'NR == FNR { point[$0] = 1; next } !($0 in point)' "$tmp/point-release" - >"$security_index"; then
  echo "cannot read the package indexes of bookworm ($main_uri) and bookworm-security ($security_uri)" >&2
  exit 1
fi

# "N security updates: source version, ..." for IMAGE's packages at a version in security_index.
security_updates() {
  # shellcheck disable=SC2016  # dpkg-query's fields, not shell variables
  docker run --rm --entrypoint dpkg-query "$1" -W -f '${Package}\t${Version}\t${source:Package} ${source:Version}\n' \
    | awk -F '\t' 'NR == FNR { published[$1 "\t" $2] = 1; next } ($1 "\t" $2) in published { print $3 }' "$security_index" - \
    | sort -u | awk '{ list = list (NR > 1 ? ", " : ": ") $0 } END { print NR " security updates" list }'
}

# The local base's apt sources: the suites debian:bookworm-slim has, and Valid-Until checked as apt does by default.
base_sources() {
  cat <<EOF
Types: deb
URIs: $main_uri
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_uri
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
}

make_local_base() {
  local root started
  started=$(date +%s)
  root=$(mktemp -d)
  if ! command -v debootstrap >/dev/null 2>&1; then
    echo "no registry gives $registry_base and debootstrap is missing: run scripts/install-host-packages.sh" >&2
    exit 1
  fi
  debootstrap --variant=minbase bookworm "$root" "$main_uri" >"$root.log" 2>&1 \
    || { cat "$root.log" >&2; rm -rf "$root" "$root.log"; exit 1; }
  rm -f "$root.log" "$root/etc/apt/sources.list"
  base_sources >"$root/etc/apt/sources.list.d/debian.sources"
  # Package lists and downloaded archives are stale the moment the base is made; every image updates its own.
  rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import - "$local_base-debootstrap" >/dev/null
  rm -rf "$root"
  # Upgraded in a container rather than the chroot: it has its own /proc and DNS, and nothing to unmount.
  if ! printf 'FROM %s\nRUN apt-get update -qq && apt-get upgrade -y -qq >/dev/null && rm -rf /var/lib/apt/lists/*\n' \
    "$local_base-debootstrap" | docker build -t "$local_base" - >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  docker rmi "$local_base-debootstrap" >/dev/null
  printf '%-44s made with debootstrap in %s\n' "$local_base" "$(elapsed "$started")"
  printf '%-44s %s\n' "" "$(security_updates "$local_base")"
}

# Whether the local base exists, is younger than local_base_max_days, and has the security suite.
local_base_usable() {
  local created
  created=$(docker image inspect -f '{{.Created}}' "$local_base" 2>/dev/null) || return 1
  [ $(( $(date +%s) - $(date -d "$created" +%s) )) -lt $(( local_base_max_days * 86400 )) ] \
    && docker run --rm --entrypoint grep "$local_base" -qs bookworm-security /etc/apt/sources.list.d/debian.sources
}

base_image() {
  if [ -n "${HEALTHAI_BASE_IMAGE:-}" ]; then
    echo "$HEALTHAI_BASE_IMAGE"
  elif docker image inspect "$registry_base" >/dev/null 2>&1 || timeout 60 docker pull -q "$registry_base" >/dev/null 2>&1; then
    echo "$registry_base"
  else
    local_base_usable || make_local_base >&2
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
  published=$tmp/published
  dotnet build HealthAI.AppHost -v quiet -nologo >/dev/null
  dotnet run --project HealthAI.AppHost --no-build --no-launch-profile -- --operation publish --step publish --output-path "$published" \
    HealthAI:KnowledgeBase:Engine=PostgreSql >/dev/null
  compose_dir=$published/compose
fi

count=0
while IFS=$'\t' read -r image context dockerfile; do
  # Contexts are written relative to the repository (the compose file's ${HEALTHAI_SOURCE}).
  context=${context#*\}/}
  started=$(date +%s)
  if ! docker build --build-arg "BASE_IMAGE=$base" --build-arg "APT_ARCHIVES=$apt_archives" \
    -t "$image" -f "$context/${dockerfile:-Dockerfile}" "$context" >"$log" 2>&1; then
    cat "$log" >&2
    echo "$image: build failed" >&2
    exit 1
  fi
  steps=$(grep -c '^Step ' "$log" || true)
  cached=$(grep -c 'Using cache' "$log" || true)
  printf '%-44s built in %s (%s of %s steps cached, FROM %s)\n' "$image" "$(elapsed "$started")" "$cached" "$steps" "$base"
  printf '%-44s %s\n' "" "$(security_updates "$image")"
  count=$((count + 1))
done < <(built_images "$compose_dir/docker-compose.yaml")
[ "$count" -gt 0 ] || { echo "no image to build in $compose_dir/docker-compose.yaml" >&2; exit 1; }
