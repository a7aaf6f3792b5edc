package io.edgefleet.api.rest;

import java.util.List;

/** One page of a list: {@code page} counts from 0; {@code total} is the number of matches on every page. */
public record Page<T>(List<T> items, int page, int size, long total, int totalPages) {
    static final int MAX_SIZE = 500;

    static <T> Page<T> of(List<T> all, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new ProblemException(400, "Invalid page", "page must be 0 or more and size between 1 and "
                    + MAX_SIZE + " (got page " + page + ", size " + size + ")", List.of());
        }
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        int pages = (all.size() + size - 1) / size;
        return new Page<>(all.subList(from, to), page, size, all.size(), pages);
    }
}
