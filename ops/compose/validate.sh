#!/usr/bin/env bash
# Validates ops/compose without a Docker daemon:
#   - docker-compose accepts the file with .env.example, and refuses it (naming the variable) when a secret is missing;
#   - .env.example names every variable the compose file reads, and nothing it does not;
#   - every file the services mount exists; nginx passes WebSockets on /ws; Grafana's datasource has uid prometheus;
#   - Prometheus' configuration, with the alert rules mounted into it, passes promtool.
# That each TRIBUNE_*/SPRING_*/SERVER_* variable binds to a real setting is DeploymentManifestsTest's job.
# Needs docker-compose (1.29, Debian's package), promtool (Debian's prometheus package) and python3 with PyYAML.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
compose="$here/docker-compose.yml"
example="$here/.env.example"
work=$(mktemp -d /tmp/tribune-compose-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "compose check: FAIL: $*" >&2; exit 1; }
say() { echo "compose check: $*"; }
clean_env=(env -i "PATH=$PATH")

"${clean_env[@]}" docker-compose -f "$compose" --env-file "$example" config -q \
  || fail "docker-compose config rejects docker-compose.yml with .env.example"
"${clean_env[@]}" docker-compose -f "$compose" --env-file "$example" config > "$work/resolved.yml"
say "docker-compose config passes with .env.example"

: > "$work/empty.env"
if "${clean_env[@]}" docker-compose -f "$compose" --env-file "$work/empty.env" config -q 2>"$work/refusal.txt"; then
  fail "docker-compose starts without any secret set: required variables must use \${VAR:?message}"
fi
grep -q 'ops/compose/.env' "$work/refusal.txt" || fail "the refusal does not say where to set the variable: $(cat "$work/refusal.txt")"
say "without .env it refuses: $(grep -o 'set [A-Z_]* [^(]*' "$work/refusal.txt" | head -n 1)"

python3 - "$compose" "$example" "$work/resolved.yml" "$here" <<'PY' || fail "see above"
import re, sys, yaml, os
compose_path, example_path, resolved_path, here = sys.argv[1:]
problems = []
used = set(re.findall(r"\$\{([A-Z0-9_]+)", open(compose_path).read()))
listed = {line.split("=", 1)[0] for line in open(example_path) if re.match(r"[A-Z0-9_]+=", line)}
for name in sorted(used - listed):
    problems.append(f".env.example lacks {name}, which docker-compose.yml reads")
for name in sorted(listed - used):
    problems.append(f".env.example sets {name}, which docker-compose.yml never reads")

resolved = yaml.safe_load(open(resolved_path))
for service, spec in resolved["services"].items():
    for volume in spec.get("volumes", []):
        source = volume.split(":")[0]
        if source.startswith("/") and not os.path.exists(source):
            problems.append(f"{service} mounts {source}, which does not exist")

nginx = open(os.path.join(here, "nginx", "nginx.conf")).read()
ws = re.search(r"location = /ws \{(.*?)\}", nginx, re.S)
if not ws:
    problems.append("nginx.conf has no location for /ws")
else:
    for needed in ("proxy_set_header Upgrade $http_upgrade", "proxy_set_header Connection $connection_upgrade",
                   "proxy_read_timeout 3600s"):
        if needed not in ws.group(1):
            problems.append(f"nginx.conf's /ws location lacks '{needed}'")
if any("8081" in line.split("#")[0] for line in nginx.splitlines()):
    problems.append("nginx.conf names the management port 8081: /actuator must not be reachable through the proxy")

datasources = yaml.safe_load(open(os.path.join(here, "..", "observability", "grafana", "provisioning", "datasources", "prometheus.yml")))
if [d.get("uid") for d in datasources["datasources"]] != ["prometheus"]:
    problems.append("Grafana's provisioned datasource must have uid 'prometheus' (the dashboards name it)")

for problem in problems:
    print(f"compose check: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
say ".env.example matches the variables used; mounted files exist; nginx passes /ws; datasource uid prometheus"

# promtool with the files laid out as the prometheus service mounts them
mkdir -p "$work/prometheus/rules"
cp "$here/prometheus/prometheus.yml" "$work/prometheus/prometheus.yml"
cp "$here/../observability/prometheus/alerts.yml" "$work/prometheus/rules/tribune-alerts.yml"
promtool check config "$work/prometheus/prometheus.yml" > "$work/promtool.txt" 2>&1 \
  || { cat "$work/promtool.txt" >&2; fail "promtool rejects the Prometheus configuration or its rules"; }
grep -q 'SUCCESS: 1 rule files found' "$work/promtool.txt" || { cat "$work/promtool.txt" >&2; fail "Prometheus would load no alert rules"; }
say "promtool accepts prometheus.yml with the alert rules"
say "passed"
