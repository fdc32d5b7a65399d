package dev.tribune.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Opaque paging cursors: a list's name and the key of the last row shown, base64url-encoded so clients treat them
 * as tokens. A cursor from another list, or a mangled one, is a 400 naming the {@code cursor} parameter.
 */
public final class Cursors {

    private static final String SEPARATOR = "|";

    private Cursors() {
    }

    public static String encode(String list, String... key) {
        String plain = list + SEPARATOR + String.join(SEPARATOR, key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The key parts of a cursor made by {@link #encode} for {@code list}, exactly {@code parts} of them. */
    public static List<String> decode(String cursor, String list, int parts) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> fields = List.of(plain.split("\\" + SEPARATOR, -1));
            if (fields.size() == parts + 1 && fields.getFirst().equals(list)) {
                return fields.subList(1, fields.size());
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw invalid();
    }

    /** Where a list ordered by a time and then an id resumes. */
    public record Key(Instant at, UUID id) {
    }

    /** The key a cursor of {@code list} names, or {@code first} when there is no cursor. */
    public static Key key(String cursor, String list, Key first) {
        if (cursor == null) {
            return first;
        }
        List<String> parts = decode(cursor, list, 2);
        return new Key(instant(parts.get(0)), uuid(parts.get(1)));
    }

    public static String encode(String list, Instant at, UUID id) {
        return encode(list, at.toString(), id.toString());
    }

    public static UUID uuid(String part) {
        try {
            return UUID.fromString(part);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static Instant instant(String part) {
        try {
            return Instant.parse(part);
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    /** An offset for lists ordered by rank, which cannot page by key; capped so nobody pages through everything. */
    public static int offset(String part) {
        try {
            int offset = Integer.parseInt(part);
            if (offset >= 0 && offset <= 10_000) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid();
    }

    public static ApiException invalid() {
        return ApiException.invalid("cursor", "is not a cursor of this list: start again without one");
    }
}
