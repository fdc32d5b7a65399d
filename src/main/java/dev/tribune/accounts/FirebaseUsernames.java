package dev.tribune.accounts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The username and display name an account created by a Firebase sign-in starts with, from the Firebase profile:
 * the email's local part (else the name) brought to the username rule {@code ^[a-z0-9_.]{3,30}$}, with a number
 * added when it is taken ("ada", "ada2", "ada3", ...).
 */
final class FirebaseUsernames {

    private static final int MAX_LENGTH = 30;
    private static final int MIN_LENGTH = 3;
    private static final int MAX_DISPLAY_NAME = 50;
    private static final String FALLBACK = "user";

    private FirebaseUsernames() {
    }

    /** What the account would be called if nobody had taken it. */
    static String base(String email, String name) {
        int at = email == null ? -1 : email.indexOf('@');
        String source = at > 0 ? email.substring(0, at) : name == null ? "" : name;
        String plain = Normalizer.normalize(source, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_.]+", "_")
                .replaceAll("([_.])[_.]+", "$1")
                .replaceAll("^[_.]+|[_.]+$", "");
        plain = trimmed(plain, MAX_LENGTH);
        if (plain.isEmpty()) {
            return FALLBACK;
        }
        return plain.length() < MIN_LENGTH ? plain + "_" + FALLBACK : plain;
    }

    /** {@code count} names to try in order: the base, then the base with 2, 3, ... from {@code from} on. */
    static List<String> candidates(String base, int from, int count) {
        List<String> names = new ArrayList<>(count);
        for (int n = from; n < from + count; n++) {
            if (n == 1) {
                names.add(base);
            } else {
                names.add(withSuffix(base, Integer.toString(n)));
            }
        }
        return names;
    }

    static String withSuffix(String base, String suffix) {
        return trimmed(base, MAX_LENGTH - suffix.length()) + suffix;
    }

    /** The profile's name, as a display name may be; the username when the profile has none. */
    static String displayName(String name, String username) {
        if (name == null) {
            return username;
        }
        String clean = name.codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_DISPLAY_NAME)
                .mapToObj(Character::toString).collect(Collectors.joining()).strip();
        return clean.isEmpty() ? username : clean;
    }

    private static String trimmed(String name, int length) {
        return name.length() <= length ? name : name.substring(0, length).replaceAll("[_.]+$", "");
    }
}
