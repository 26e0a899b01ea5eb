package dev.mmids.gradient.web.model;

import java.util.List;

/**
 * An empty optional array is the same as an absent one (and {@code null} is absent already): clients
 * generated from the contract on their default settings send {@code []} for every optional array they
 * were not given (openapi-generator's Java clients), and {@code null} for every field (its restclient).
 */
final class Absent {

    private Absent() {}

    static double[] ifEmpty(double[] values) {
        return values == null || values.length == 0 ? null : values;
    }

    static <T> List<T> ifEmpty(List<T> values) {
        return values == null || values.isEmpty() ? null : values;
    }
}
