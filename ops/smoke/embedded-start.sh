#!/usr/bin/env bash
# Starts the built jar the way a newcomer would (no database installed, nothing configured) and checks that
# /actuator/health reports UP within 60 s and it logs the address to open: once as root, once as a normal user. Each run gets a fresh HOME,
# so the embedded PostgreSQL is created from scratch in ~/.tribune/pgdata.
# Usage: ops/smoke/embedded-start.sh [path/to/tribune.jar]
set -uo pipefail

jar=${1:-$(ls target/tribune-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1)}
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -f "$jar" ] || { echo "smoke: no jar (run ./mvnw verify first)"; exit 2; }

work=$(mktemp -d /tmp/tribune-smoke.XXXXXX)
chmod 755 "$work"
cp "$jar" "$work/tribune.jar"
chmod 644 "$work/tribune.jar"
passed=0 failed=0
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# run_as USER LABEL: start the service as USER with a fresh HOME, wait for UP, stop it
run_as() {
  local user=$1 label=$2 home="$work/home-$1" port
  port=$(free_port)
  mkdir -p "$home"
  [ "$user" = root ] || chown "$user" "$home"
  local cmd=(env HOME="$home" "$java_bin" -Duser.home="$home" -jar "$work/tribune.jar" --server.port="$port"
             --server.address=127.0.0.1)
  if [ "$user" = root ]; then
    "${cmd[@]}" >"$work/$label.log" 2>&1 &
  else
    runuser -u "$user" -- "${cmd[@]}" >"$work/$label.log" 2>&1 &
  fi
  local pid=$! start=$SECONDS status=""
  pids+=("$pid")
  while [ $((SECONDS - start)) -lt 60 ]; do
    status=$(curl -s "http://127.0.0.1:$port/actuator/health" || true)
    case "$status" in *'"status":"UP"'*) break ;; esac
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  case "$status" in
    *'"status":"UP"'*)
      # the newcomer's line: where to open it, which provider and which database (dev.tribune.ReadyMessage)
      local ready="Tribune is ready: open http://127.0.0.1:$port/ | media provider: mesh by default"
      for _ in 1 2 3 4 5; do grep -qF "$ready" "$work/$label.log" && break; sleep 1; done
      if grep -F "$ready" "$work/$label.log" | grep -qF "database: embedded PostgreSQL 18"; then
        echo "smoke: $label: health UP after $((SECONDS - start)) s, data in $home/.tribune; it said:"
        grep -o 'Tribune is ready: .*' "$work/$label.log" | sed 's/^/    /'
        passed=$((passed + 1))
      else
        echo "smoke: $label: health UP but no \"$ready ... database: embedded PostgreSQL 18\" line in its log"
        failed=$((failed + 1))
      fi ;;
    *)
      echo "smoke: $label: health not UP within 60 s; last lines of its log:"
      tail -n 30 "$work/$label.log" | sed 's/^/    /'
      failed=$((failed + 1)) ;;
  esac
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

run_as root "as-root"
id tribune-smoke >/dev/null 2>&1 || useradd --system --shell /usr/sbin/nologin tribune-smoke
run_as tribune-smoke "as-normal-user"

echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
