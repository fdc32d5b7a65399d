#!/usr/bin/env sh
# Checks the Prometheus alert rules: syntax (promtool check rules) and behaviour (promtool test rules, which
# evaluates the rules over the series in alerts.test.yml). Needs promtool (Debian: apt-get install prometheus).
set -eu
cd "$(dirname "$0")/prometheus"
promtool check rules alerts.yml
promtool test rules alerts.test.yml
