package io.edgefleet.events.validation;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Either a value that passed validation, or every violation found. Validation never throws, so
 * a consumer handles both outcomes with a switch (or {@link #isValid()}).
 *
 * @param <T> the validated value
 */
public sealed interface Validated<T> {

    /** A value that passed. */
    record Valid<T>(T value) implements Validated<T> {
    }

    /** Every problem found; never empty. */
    record Invalid<T>(List<Violation> violations) implements Validated<T> {
        public Invalid {
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one violation");
            }
            violations = List.copyOf(violations);
        }
    }

    static <T> Validated<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Validated<T> invalid(List<Violation> violations) {
        return new Invalid<>(violations);
    }

    static <T> Validated<T> invalid(Violation violation) {
        return new Invalid<>(List.of(violation));
    }

    default boolean isValid() {
        return this instanceof Valid<T>;
    }

    /** The value, if valid. */
    default Optional<T> toOptional() {
        return this instanceof Valid<T> v ? Optional.of(v.value()) : Optional.empty();
    }

    /** The violations; empty if valid. */
    default List<Violation> violations() {
        return this instanceof Invalid<T> i ? i.violations() : List.of();
    }

    /** The value, or an {@link InvalidEventException} listing every violation. */
    default T orElseThrow() {
        if (this instanceof Valid<T> v) {
            return v.value();
        }
        throw new InvalidEventException(violations());
    }

    /** Transforms a valid value; violations pass through unchanged. */
    default <R> Validated<R> map(Function<? super T, ? extends R> f) {
        if (this instanceof Valid<T> v) {
            return new Valid<>(f.apply(v.value()));
        }
        return new Invalid<>(violations());
    }
}
