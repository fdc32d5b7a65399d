#!/usr/bin/env bash
# Validates the Dockerfile against a built jar without a Docker engine: lints the Dockerfile's invariants, extracts
# the jar with the same script the build stage runs, lays the layer folders out as the runtime stage's COPYs do,
# starts the result with the image's ENTRYPOINT and ENV as the image's uid, and checks what the image promises:
# readiness on the management port, the HEALTHCHECK command passing (and failing against the wrong port), /actuator
# not served on the public port, the API served there, and a graceful stop within Kubernetes' grace period.
#   ops/container/check.sh target/tribune-<version>.jar
# Needs: a JDK/JRE 25 (JAVA_HOME or java on the PATH), python3, curl; runuser and useradd when run as root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${1:-}
[ -f "$jar" ] || { echo "container check: usage: check.sh path/to/tribune.jar (build it with ./mvnw package)" >&2; exit 2; }
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
began=$SECONDS

work=$(mktemp -d /tmp/tribune-container-check.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "container check: FAIL: $*" >&2
  if [ -s "$work/service.log" ]; then
    echo "container check: last lines of the service's log:" >&2
    tail -n 40 "$work/service.log" | sed 's/^/    /' >&2
  fi
  exit 1
}
say() { echo "container check: $*"; }

# 1. The Dockerfile's invariants, and what the runtime stage runs (ENV, WORKDIR, ENTRYPOINT, HEALTHCHECK, layers).
facts=$(python3 "$here/dockerfile-facts.py" "$root/Dockerfile") || fail "the Dockerfile breaks the invariants above"
eval "$facts"
say "Dockerfile: USER $IMAGE_UID, EXPOSE $IMAGE_SERVER_PORT $IMAGE_MANAGEMENT_PORT, layers ${IMAGE_LAYERS[*]}"

# 2. Extract as the build stage does; the COPY'd folders must be exactly the jar's layers, in the jar's order.
export PATH="$java_home/bin:$PATH"
sh "$here/extract-layers.sh" "$jar" "$work/layers" >/dev/null || fail "extracting the jar's layers failed"
mapfile -t jar_layers < <(java -Djarmode=tools -jar "$jar" list-layers)
[ "${jar_layers[*]}" = "${IMAGE_LAYERS[*]}" ] \
  || fail "the Dockerfile copies layers (${IMAGE_LAYERS[*]}) but the jar has (${jar_layers[*]})"
mapfile -t extracted < <(ls "$work/layers")
for layer in "${extracted[@]}"; do
  [[ " ${jar_layers[*]} " == *" $layer "* ]] || fail "extraction made a folder $layer that no COPY takes"
done

image="$work/image"
app="$image$IMAGE_WORKDIR"
mkdir -p "$app"
for layer in "${IMAGE_LAYERS[@]}"; do cp -a "$work/layers/$layer/." "$app/"; done
[ -f "$app/org/springframework/boot/loader/launch/JarLauncher.class" ] || fail "the launcher is not in the layers"

# 3. Run as the image's uid (a user with that uid is made if the machine has none: PostgreSQL's initdb needs one).
home="$work/home" tmp="$work/tmp"
mkdir -p "$home" "$tmp"
chmod 755 "$work" "$image"
as_user=()
if [ "$(id -u)" = 0 ]; then
  name=$(getent passwd "$IMAGE_UID" | cut -d: -f1 || true)
  if [ -z "$name" ]; then
    useradd --uid "$IMAGE_UID" --no-create-home --shell /usr/sbin/nologin tribune-image
    name=tribune-image
  fi
  chown "$IMAGE_UID" "$home" "$tmp"
  as_user=(runuser -u "$name" --)
  say "running as uid $IMAGE_UID ($name)"
else
  say "not root: running as $(id -un) (uid $(id -u)) instead of the image's uid $IMAGE_UID"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http_port=$(free_port)
management_port=$(free_port)
# The image's ENV, then what `docker run -e` would add: free ports on loopback, and the home and temp folders the
# image has as its own (JAVA_TOOL_OPTIONS, since Java takes its home from the password file, not $HOME).
run_env=(env -i "PATH=$java_home/bin:/usr/bin:/bin" "HOME=$home" "${IMAGE_ENV[@]}"
         "SERVER_PORT=$http_port" "MANAGEMENT_SERVER_PORT=$management_port"
         "SERVER_ADDRESS=127.0.0.1" "MANAGEMENT_SERVER_ADDRESS=127.0.0.1"
         "JAVA_TOOL_OPTIONS=-Duser.home=$home -Djava.io.tmpdir=$tmp")
(cd "$app" && exec "${as_user[@]}" "${run_env[@]}" "${IMAGE_ENTRYPOINT[@]}") >"$work/service.log" 2>&1 &
pid=$!

status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }
started=$SECONDS
until [ "$(status "http://127.0.0.1:$management_port/actuator/health/readiness")" = 200 ]; do
  kill -0 "$pid" 2>/dev/null || fail "the service exited before it was ready"
  [ $((SECONDS - started)) -lt 120 ] || fail "not ready on the management port within 120 s"
  sleep 1
done
say "ready after $((SECONDS - started)) s: /actuator/health/readiness answers 200 on the management port"

# 4. The HEALTHCHECK command, run as Docker would (the container's env and user), passes; pointed at the public
#    port, where /actuator is not served, it fails (so it can fail at all).
"${as_user[@]}" "${run_env[@]}" "${IMAGE_HEALTHCHECK[@]}" || fail "the HEALTHCHECK command failed against a ready service"
if "${as_user[@]}" "${run_env[@]}" "MANAGEMENT_SERVER_PORT=$http_port" "${IMAGE_HEALTHCHECK[@]}" 2>/dev/null; then
  fail "the HEALTHCHECK command passed against the public port: it does not check readiness"
fi
say "HEALTHCHECK passes on the management port, fails elsewhere"

# 5. Probes and metrics on the management port only; the API on the public one.
for path in /actuator/health/liveness /actuator/health/readiness /actuator/prometheus; do
  [ "$(status "http://127.0.0.1:$management_port$path")" = 200 ] || fail "$path is not served on the management port"
  code=$(status "http://127.0.0.1:$http_port$path")
  [ "$code" != 200 ] || fail "$path is served on the public port $IMAGE_SERVER_PORT (it must only be on $IMAGE_MANAGEMENT_PORT)"
done
metrics=$(curl -s --max-time 5 "http://127.0.0.1:$management_port/actuator/prometheus" || true)
grep -q '^jvm_memory_used_bytes' <<<"$metrics" || fail "/actuator/prometheus has no JVM metrics"
[ "$(status "http://127.0.0.1:$http_port/api/v1/config")" = 200 ] || fail "the API (/api/v1/config) is not served on the public port"
say "/actuator/* only on the management port; the API on the public port"

# 6. A stop (SIGTERM, as Docker and Kubernetes send) ends the process well within the 30 s grace period.
stopping=$SECONDS
kill -TERM "$pid"
while kill -0 "$pid" 2>/dev/null; do
  [ $((SECONDS - stopping)) -lt 30 ] || fail "still running 30 s after SIGTERM"
  sleep 0.2
done
wait "$pid" 2>/dev/null || true
pid=""
say "stopped $((SECONDS - stopping)) s after SIGTERM"

say "passed in $((SECONDS - began)) s"
