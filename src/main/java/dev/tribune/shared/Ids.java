package dev.tribune.shared;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * The one id type: UUID version 7 (RFC 9562), a millisecond timestamp followed by randomness, so ids sort
 * by creation time and keep B-tree inserts at the right edge of the index.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * Reads an id written the one canonical way: 36 characters, hex digits in groups of 8-4-4-4-12 separated by
     * hyphens (either case). {@link UUID#fromString} is lenient (it reads "1-1-1-1-1", and a 35-character string as
     * another id), so every id that comes from outside is read here instead.
     *
     * @throws IllegalArgumentException when {@code text} is not a canonical UUID
     */
    public static UUID parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
        long msb = 0;
        long lsb = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    throw new IllegalArgumentException("not a canonical UUID");
                }
                continue;
            }
            int value = Character.digit(c, 16);
            if (value < 0 || c > 'f') { // Character.digit also takes non-ASCII digits
                throw new IllegalArgumentException("not a canonical UUID");
            }
            if (digits < 16) {
                msb = (msb << 4) | value;
            } else {
                lsb = (lsb << 4) | value;
            }
            digits++;
        }
        return new UUID(msb, lsb);
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long randB = RANDOM.nextLong();
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
