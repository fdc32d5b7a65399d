package dev.tribune.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an SDP says about media (RFC 8866 / 3264 / 8843): the kind of each m= section, whether it is rejected, and the
 * directions it declares, each from the point of view of the SDP's author (the section's own
 * a=sendrecv|sendonly|recvonly|inactive, else the session-level one, else sendrecv). Enough for the relay to tell
 * "the author of this SDP would send" from "the author only listens"; not a full SDP parser.
 *
 * <p>Where this reading and a browser's could differ, it errs towards "sends": attribute names are matched exactly
 * as written (Chromium ignores an {@code a=RecvOnly}, leaving the section sendrecv), a section naming several
 * directions sends if any of them does, and a port of 0 rejects a section only without {@code a=bundle-only}
 * (RFC 8843 §6: such a section is bundled, not rejected).
 */
final class SdpAudio {

    private static final Set<String> DIRECTIONS = Set.of("sendrecv", "sendonly", "recvonly", "inactive");
    private static final Set<String> SENDING = Set.of("sendrecv", "sendonly");
    private static final Set<String> RECEIVING = Set.of("sendrecv", "recvonly");

    /** @param directions what the section declares, or the session-level default, or sendrecv: never empty */
    record Section(String kind, boolean rejected, List<String> directions) {

        boolean sends() {
            return !rejected && directions.stream().anyMatch(SENDING::contains);
        }

        boolean receives() {
            return !rejected && directions.stream().anyMatch(RECEIVING::contains);
        }
    }

    private SdpAudio() {
    }

    static List<Section> sections(String sdp) {
        List<String> session = new ArrayList<>();
        List<RawSection> raw = new ArrayList<>();
        RawSection current = null;
        for (String line : sdp.split("\\r?\\n")) {
            String l = line.strip();
            if (l.startsWith("m=")) {
                String[] fields = l.substring(2).split(" ");
                current = new RawSection(fields[0], fields.length > 1 && "0".equals(fields[1].split("/")[0]));
                raw.add(current);
            } else if (l.startsWith("a=")) {
                String attribute = l.substring(2);
                if (DIRECTIONS.contains(attribute)) {
                    (current == null ? session : current.directions).add(attribute);
                } else if ("bundle-only".equals(attribute) && current != null) {
                    current.bundleOnly = true;
                }
            }
        }
        List<String> sessionDefault = session.isEmpty() ? List.of("sendrecv") : List.copyOf(session);
        return raw.stream().map(r -> new Section(r.kind, r.portZero && !r.bundleOnly,
                r.directions.isEmpty() ? sessionDefault : List.copyOf(r.directions))).toList();
    }

    private static final class RawSection {
        final String kind;
        final boolean portZero;
        final List<String> directions = new ArrayList<>();
        boolean bundleOnly;

        RawSection(String kind, boolean portZero) {
            this.kind = kind;
            this.portZero = portZero;
        }
    }
}
