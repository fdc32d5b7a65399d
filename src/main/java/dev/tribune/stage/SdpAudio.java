package dev.tribune.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an SDP says about media (RFC 8866 / 3264): the kind of each m= section and the direction it declares (the
 * section's own a=sendrecv|sendonly|recvonly|inactive, else the session-level one, else sendrecv). Enough for the
 * relay to tell "this peer would send audio" from "this peer only listens"; not a full SDP parser.
 */
final class SdpAudio {

    private static final Set<String> DIRECTIONS = Set.of("sendrecv", "sendonly", "recvonly", "inactive");

    record Section(String kind, boolean disabled, String direction) {

        boolean sends() {
            return !disabled && ("sendrecv".equals(direction) || "sendonly".equals(direction));
        }

        boolean receives() {
            return !disabled && ("sendrecv".equals(direction) || "recvonly".equals(direction));
        }
    }

    private SdpAudio() {
    }

    static List<Section> sections(String sdp) {
        String sessionDirection = null;
        List<String[]> raw = new ArrayList<>();
        String[] current = null;
        for (String line : sdp.split("\\r?\\n")) {
            String l = line.strip();
            if (l.startsWith("m=")) {
                String[] fields = l.substring(2).split(" ");
                // kind, port, direction (null until seen)
                current = new String[] {fields[0].toLowerCase(Locale.ROOT), fields.length > 1 ? fields[1] : "0", null};
                raw.add(current);
            } else if (l.startsWith("a=") && DIRECTIONS.contains(l.substring(2).toLowerCase(Locale.ROOT))) {
                String direction = l.substring(2).toLowerCase(Locale.ROOT);
                if (current == null) {
                    sessionDirection = direction;
                } else {
                    current[2] = direction;
                }
            }
        }
        List<Section> sections = new ArrayList<>();
        for (String[] r : raw) {
            String direction = r[2] != null ? r[2] : sessionDirection != null ? sessionDirection : "sendrecv";
            sections.add(new Section(r[0], "0".equals(r[1]), direction));
        }
        return sections;
    }
}
