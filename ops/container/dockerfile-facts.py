#!/usr/bin/env python3
"""Reads the repository's Dockerfile, checks its invariants, and prints what check.sh needs as shell assignments.

Invariants (each broken one is printed and the exit status is 1):
  - the runtime (last) stage runs as a numeric, non-root USER whose uid is the one its useradd creates;
  - it has a HEALTHCHECK in exec form, an ENTRYPOINT in exec form, and a VOLUME for the embedded database;
  - EXPOSE lists exactly SERVER_PORT and MANAGEMENT_SERVER_PORT from its ENV, and the two differ;
  - the build stage extracts the jar with ops/container/extract-layers.sh into the folder the COPYs read from.
Usage: dockerfile-facts.py Dockerfile
"""
import json
import re
import shlex
import sys


def instructions(text):
    """(INSTRUCTION, arguments) per logical line: comments dropped, backslash continuations joined."""
    logical, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        if current:
            word, _, rest = current.partition(" ")
            logical.append((word.upper(), rest.strip()))
        current = ""
    return logical


def stages(logical):
    result = []
    for word, rest in logical:
        if word == "FROM":
            parts = rest.split()
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else None
            result.append({"name": name, "from": parts[0], "steps": []})
        elif result:
            result[-1]["steps"].append((word, rest))
    return result


def env_pairs(rest):
    tokens = shlex.split(rest)
    if tokens and "=" not in tokens[0]:  # legacy form: ENV KEY value
        return {tokens[0]: " ".join(tokens[1:])}
    return dict(token.split("=", 1) for token in tokens)


def main(path):
    problems = []
    all_stages = stages(instructions(open(path, encoding="utf-8").read()))
    if len(all_stages) < 2:
        print(f"{path}: expected a multi-stage build (a build stage and a runtime stage)", file=sys.stderr)
        return 1
    runtime = all_stages[-1]
    steps = runtime["steps"]

    env, expose, users, volumes, copies = {}, [], [], [], []
    workdir, entrypoint, healthcheck, created_uid = "/", None, None, None
    for word, rest in steps:
        if word == "ENV":
            env.update(env_pairs(rest))
        elif word == "EXPOSE":
            expose += [port.split("/")[0] for port in rest.split()]
        elif word == "USER":
            users.append(rest)
        elif word == "VOLUME":
            volumes.append(rest)
        elif word == "WORKDIR":
            workdir = rest if rest.startswith("/") else workdir.rstrip("/") + "/" + rest
        elif word == "ENTRYPOINT":
            entrypoint = rest
        elif word == "HEALTHCHECK":
            healthcheck = rest
        elif word == "COPY" and rest.startswith("--from="):
            source_stage, source, target = re.match(r"--from=(\S+)\s+(\S+)\s+(\S+)$", rest).groups()
            copies.append((source_stage, source, target))
        elif word == "RUN":
            found = re.search(r"useradd\b.*?--uid[ =](\d+)", rest)
            created_uid = found.group(1) if found else created_uid

    uid = None
    if not users:
        problems.append("the runtime stage sets no USER: the service would run as root")
    else:
        uid = users[-1].split(":")[0]
        if not uid.isdigit():
            problems.append(f"USER {users[-1]}: give a numeric uid, so Kubernetes' runAsNonRoot can verify it")
        elif uid == "0":
            problems.append("USER is root (uid 0)")
        elif created_uid != uid:
            problems.append(f"USER {uid} is not the uid the runtime stage's useradd creates ({created_uid})")

    if not healthcheck:
        problems.append("no HEALTHCHECK in the runtime stage")
    healthcheck_cmd = None
    if healthcheck:
        found = re.search(r"\bCMD\s+(\[.*\])\s*$", healthcheck)
        if not found:
            problems.append("HEALTHCHECK must use the exec form CMD [\"...\"]")
        else:
            healthcheck_cmd = json.loads(found.group(1))

    entrypoint_argv = None
    if not entrypoint or not entrypoint.startswith("["):
        problems.append("ENTRYPOINT must be in exec form, so java is PID 1 and receives SIGTERM")
    else:
        entrypoint_argv = json.loads(entrypoint)

    if not volumes:
        problems.append("no VOLUME for the embedded database's data folder")

    ports = {env.get("SERVER_PORT"), env.get("MANAGEMENT_SERVER_PORT")}
    if None in ports or len(ports) != 2:
        problems.append("ENV must set SERVER_PORT and MANAGEMENT_SERVER_PORT to two different ports")
    elif set(expose) != ports:
        problems.append(f"EXPOSE {' '.join(expose)} does not match SERVER_PORT and MANAGEMENT_SERVER_PORT ({' '.join(sorted(ports))})")

    extract = None
    for stage in all_stages[:-1]:
        for word, rest in stage["steps"]:
            found = re.search(r"extract-layers\.sh\s+\S+\s+(\S+)", rest) if word == "RUN" else None
            if found:
                extract = (stage["name"], found.group(1).rstrip("/"))
    layers = []
    if not extract:
        problems.append("no build stage runs ops/container/extract-layers.sh")
    else:
        for source_stage, source, target in copies:
            prefix = extract[1] + "/"
            if source_stage == extract[0] and source.startswith(prefix):
                layers.append(source[len(prefix):].strip("/"))
                if target not in ("./", ".", workdir, workdir + "/"):
                    problems.append(f"COPY {source} goes to {target}, not the WORKDIR {workdir}")
        if not layers:
            problems.append(f"the runtime stage copies no layer folder from {extract[1]}")

    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if problems:
        return 1

    def array(name, values):
        print(f"{name}=({' '.join(shlex.quote(v) for v in values)})")

    print(f"IMAGE_UID={shlex.quote(uid)}")
    print(f"IMAGE_WORKDIR={shlex.quote(workdir)}")
    print(f"IMAGE_SERVER_PORT={shlex.quote(env['SERVER_PORT'])}")
    print(f"IMAGE_MANAGEMENT_PORT={shlex.quote(env['MANAGEMENT_SERVER_PORT'])}")
    array("IMAGE_ENV", [f"{key}={value}" for key, value in env.items()])
    array("IMAGE_ENTRYPOINT", entrypoint_argv)
    array("IMAGE_HEALTHCHECK", healthcheck_cmd)
    array("IMAGE_LAYERS", layers)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: dockerfile-facts.py Dockerfile", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
