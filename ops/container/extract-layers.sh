#!/bin/sh
# Extracts a Spring Boot jar into one folder per layer (dependencies, spring-boot-loader, snapshot-dependencies,
# application), launcher included, with Boot 4's tools jar mode. The Dockerfile's build stage runs this, and so does
# ops/container/check.sh, so the folders the image copies are exactly the ones checked.
#   extract-layers.sh JAR DESTINATION
set -eu
[ $# -eq 2 ] || { echo "usage: extract-layers.sh JAR DESTINATION" >&2; exit 2; }
exec java -Djarmode=tools -jar "$1" extract --layers --launcher --destination "$2"
