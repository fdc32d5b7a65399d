#!/bin/sh
# Starts Janus 1.1.2 with Tribune's configuration (this folder), the same way in tests and in deployment.
#
#   run-janus.sh [more janus options...]
#
# Per environment (variables; more janus options may follow as arguments, e.g. -r 20000-20999 or -i 203.0.113.7):
#   JANUS_API_SECRET        required: passed as --apisecret (tribune.rtc.janus.api-secret); never written to a file
#   JANUS_ICE_ENFORCE_LIST  interfaces/addresses ICE may use, passed as --ice-enforce-list (e.g. eth0, or 10.99.0.2)
#   JANUS_HTTP_PORT         Janus API port (default 8088), path /janus
#   JANUS_ADMIN_PORT        Admin API port (default 7088), path /admin, bound to 127.0.0.1
#   JANUS_ADMIN_SECRET      Janus has no command-line option for it: when set, it is written into the run folder's
#                           copy of janus.jcfg (mode 600); when unset, the Admin API is turned off
#   JANUS_EVENTS_URL        where Janus posts its events, Tribune's /api/v1/webhooks/janus (e.g.
#                           http://tribune:8080/api/v1/webhooks/janus); unset: no event handler, Janus presence rests
#                           on Tribune's event socket alone
#   JANUS_EVENTS_SECRET     required with JANUS_EVENTS_URL (tribune.rtc.janus.events-secret, >= 32 bytes): the event
#                           handler's basic-auth password, written into the run folder's copy of
#                           janus.eventhandler.sampleevh.jcfg (mode 600): the handler has no other way to take it
#   JANUS_RUN_DIR           the run folder (default: a new temporary folder); it is made anew on each start
#   JANUS_LIB_DIR           where the Debian package puts plugins and transports (default /usr/lib/x86_64-linux-gnu/janus)
#   JANUS_BIN               the janus binary (default: janus on the PATH)
#
# The run folder gets copies of the .jcfg files here (ports filled in) and folders of symlinks, so that only the
# VideoRoom plugin and the HTTP transport are loaded (and the sample event handler, with JANUS_EVENTS_URL). Janus
# runs in the foreground (exec), logging to stdout.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
lib=${JANUS_LIB_DIR:-/usr/lib/x86_64-linux-gnu/janus}
http_port=${JANUS_HTTP_PORT:-8088}
admin_port=${JANUS_ADMIN_PORT:-7088}
run=${JANUS_RUN_DIR:-$(mktemp -d -t tribune-janus.XXXXXX)}

if [ -z "${JANUS_API_SECRET:-}" ]; then
    echo "run-janus.sh: JANUS_API_SECRET is not set (Tribune's tribune.rtc.janus.api-secret)" >&2
    exit 2
fi
case "$http_port$admin_port" in *[!0-9]*) echo "run-janus.sh: ports must be numbers" >&2; exit 2 ;; esac
if [ -n "${JANUS_EVENTS_URL:-}" ]; then
    case "$JANUS_EVENTS_URL" in http://*|https://*) ;; *) echo "run-janus.sh: JANUS_EVENTS_URL must be an http(s) URL" >&2; exit 2 ;; esac
    if [ "$(printf %s "${JANUS_EVENTS_SECRET:-}" | wc -c)" -lt 32 ]; then
        echo "run-janus.sh: JANUS_EVENTS_SECRET (tribune.rtc.janus.events-secret) must be set, at least 32 bytes" >&2
        exit 2
    fi
    case "$JANUS_EVENTS_URL$JANUS_EVENTS_SECRET" in *[\"\\\|\&]*) echo "run-janus.sh: JANUS_EVENTS_URL and JANUS_EVENTS_SECRET must not contain \" \\ | or &" >&2; exit 2 ;; esac
fi
for so in plugins/libjanus_videoroom.so transports/libjanus_http.so ${JANUS_EVENTS_URL:+events/libjanus_sampleevh.so}; do
    if [ ! -e "$lib/$so" ]; then
        echo "run-janus.sh: $lib/$so is missing (apt-get install -y janus)" >&2
        exit 2
    fi
done

rm -rf "$run/plugins" "$run/transports" "$run/events" "$run/loggers" "$run"/*.jcfg
mkdir -p "$run/plugins" "$run/transports" "$run/events" "$run/loggers"
chmod 700 "$run"
ln -s "$lib/plugins/libjanus_videoroom.so" "$run/plugins/libjanus_videoroom.so"
ln -s "$lib/transports/libjanus_http.so" "$run/transports/libjanus_http.so"
cp "$here/janus.jcfg" "$here/janus.plugin.videoroom.jcfg" "$run/"
sed -e "s/^\([[:space:]]*port[[:space:]]*=[[:space:]]*\)[0-9][0-9]*/\1$http_port/" \
    -e "s/^\([[:space:]]*admin_port[[:space:]]*=[[:space:]]*\)[0-9][0-9]*/\1$admin_port/" \
    "$here/janus.transport.http.jcfg" > "$run/janus.transport.http.jcfg"

if [ -n "${JANUS_ADMIN_SECRET:-}" ]; then
    case "$JANUS_ADMIN_SECRET" in *[\"\\]*) echo "run-janus.sh: JANUS_ADMIN_SECRET must not contain \" or \\" >&2; exit 2 ;; esac
    umask 077
    awk -v secret="$JANUS_ADMIN_SECRET" '{ print } /^general: \{/ { print "\tadmin_secret = \"" secret "\"" }' \
        "$here/janus.jcfg" > "$run/janus.jcfg"
else
    sed -i -e "s/^\([[:space:]]*admin_http[[:space:]]*=[[:space:]]*\)true/\1false/" "$run/janus.transport.http.jcfg"
fi

if [ -n "${JANUS_EVENTS_URL:-}" ]; then
    ln -s "$lib/events/libjanus_sampleevh.so" "$run/events/libjanus_sampleevh.so"
    (umask 077 && sed -e "s|@JANUS_EVENTS_URL@|$JANUS_EVENTS_URL|" -e "s|@JANUS_EVENTS_SECRET@|$JANUS_EVENTS_SECRET|" \
        "$here/janus.eventhandler.sampleevh.jcfg" > "$run/janus.eventhandler.sampleevh.jcfg")
    sed -i -e "s/^\([[:space:]]*broadcast[[:space:]]*=[[:space:]]*\)false/\1true/" "$run/janus.jcfg"
fi

set -- --configs-folder="$run" --disable-colors --apisecret="$JANUS_API_SECRET" "$@"
if [ -n "${JANUS_ICE_ENFORCE_LIST:-}" ]; then
    set -- --ice-enforce-list="$JANUS_ICE_ENFORCE_LIST" "$@"
fi
cd "$run"
exec "${JANUS_BIN:-janus}" "$@"
