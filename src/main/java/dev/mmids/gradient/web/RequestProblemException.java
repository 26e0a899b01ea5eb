package dev.mmids.gradient.web;

import java.util.List;

/**
 * A request the service answers with a problem instead of numbers. Each subclass is one thing that
 * can be wrong with a request and writes its own detail; the fields at fault come as JSON Pointers.
 */
abstract class RequestProblemException extends RuntimeException {

    private final ProblemKind kind;
    private final transient List<FieldError> errors;

    RequestProblemException(ProblemKind kind, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    RequestProblemException(ProblemKind kind, FieldError error) {
        this(kind, error.pointer() + " " + error.detail(), List.of(error));
    }

    ProblemKind kind() {
        return kind;
    }

    List<FieldError> errors() {
        return errors;
    }
}
