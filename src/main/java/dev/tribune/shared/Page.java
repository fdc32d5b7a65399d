package dev.tribune.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code items} and the opaque {@code nextCursor} to ask for the next one (null at the end).
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /**
     * Builds a page from up to {@code limit + 1} rows: the extra row only says that there is more, and the cursor
     * points after the last row shown.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, String> cursorAfter, Function<R, T> toItem) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(toItem).toList(), more ? cursorAfter.apply(shown.getLast()) : null);
    }
}
