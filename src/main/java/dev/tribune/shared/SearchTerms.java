package dev.tribune.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a person typed into a search box, as words for the database's {@code search_query(text[])}: every word must
 * match, as a stem or as the start of a word (people search while typing). Only letters and digits get through,
 * so no input can be a tsquery syntax error.
 */
public record SearchTerms(List<String> words) {

    private static final int MAX_WORDS = 8;

    public static SearchTerms parse(String field, String text) {
        List<String> words = text == null ? List.of()
                : Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                        .filter(w -> !w.isEmpty())
                        .limit(MAX_WORDS)
                        .toList();
        if (words.isEmpty()) {
            throw ApiException.invalid(field, "must contain at least one word");
        }
        return new SearchTerms(words);
    }

    /** The JDBC parameter for {@code search_query(?)}. */
    public String[] array() {
        return words.toArray(String[]::new);
    }
}
