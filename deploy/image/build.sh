#!/usr/bin/env bash
# Builds Comeback's container image from the Maven build (README "Operations" → "Image").
#   deploy/image/build.sh IMAGE[:TAG] [extra docker buildx build arguments, e.g. --push]
# Needs Maven and Docker with BuildKit (docker buildx) or Podman; the CI machines have neither engine, so CI
# only checks that this file and the Dockerfile are in the repo.
set -euo pipefail
cd "$(dirname "$0")/../.."
image=${1:?usage: deploy/image/build.sh IMAGE[:TAG] [docker buildx arguments]}; shift
mvn -B -ntp package -DskipTests
# Same commit, same bytes: file times are the last commit's.
export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)
if command -v docker >/dev/null 2>&1; then
  docker buildx build -f deploy/image/Dockerfile --build-arg SOURCE_DATE_EPOCH \
    --output "type=image,name=$image,rewrite-timestamp=true" "$@" target/quarkus-app
else
  podman build -f deploy/image/Dockerfile --timestamp "$SOURCE_DATE_EPOCH" -t "$image" "$@" target/quarkus-app
fi
echo "Built $image"
