#!/usr/bin/env bash
# Loads the sample health corpus (samples/corpus/*.md) into a running HealthAI.
#
#   scripts/load-samples.sh [base-url]
#
# base-url defaults to $HEALTHAI_URL, else https://localhost:8443 (the local nginx edge). The local
# edge's certificate is self-signed, so certificates are not checked for localhost addresses.
# Each article is POSTed as text/markdown; ids are content hashes, so running it again is harmless
# (201 the first time, 200 after).
#
# Writes need the editor token: $HEALTHAI_EDITOR_TOKEN, else the `editor-token` parameter that
# `./healthai up` generated into the AppHost's user secrets.
set -euo pipefail
cd "$(dirname "$0")/.."

base=${1:-${HEALTHAI_URL:-https://localhost:8443}}
base=${base%/}

token=${HEALTHAI_EDITOR_TOKEN:-}
if [ -z "$token" ]; then
  token=$(dotnet user-secrets list --project HealthAI.AppHost 2>/dev/null \
    | sed -n 's/^Parameters:editor-token = //p' | head -n 1) || token=
fi
if [ -z "$token" ]; then
  echo "no editor token: set HEALTHAI_EDITOR_TOKEN, or run ./healthai up once so that it generates one" >&2
  exit 2
fi
# The local edge's certificate is the AppHost's own: trust exactly it, not any certificate.
insecure=()
case "$base" in
  https://localhost* | https://127.0.0.1* | https://\[::1\]*)
    if [ -f HealthAI.AppHost/.healthai/tls/edge.crt ]; then
      insecure=(--cacert HealthAI.AppHost/.healthai/tls/edge.crt)
    else
      insecure=(--insecure)
    fi
    ;;
esac

# curl retries 429s after their Retry-After (the edge's rate limit); a retry truncates the output file,
# which /dev/null cannot be, so answers go to a scratch file.
answer=$(mktemp)
trap 'rm -f "$answer"' EXIT
created=0 existing=0 failed=0
for article in samples/corpus/*.md; do
  status=$(curl --silent --show-error "${insecure[@]}" --output "$answer" --write-out '%{http_code}' \
    --retry 3 --retry-connrefused --max-time 30 \
    -H 'Content-Type: text/markdown; charset=utf-8' --data-binary "@$article" \
    -H @<(printf 'Authorization: Bearer %s\n' "$token") \
    "$base/api/documents") || status=000
  case "$status" in
    201) created=$((created + 1)) ;;
    200) existing=$((existing + 1)) ;;
    *) failed=$((failed + 1)); echo "failed: $article (HTTP $status)" >&2 ;;
  esac
done

echo "samples: $created created, $existing already there, $failed failed ($base)"
[ "$failed" -eq 0 ]
