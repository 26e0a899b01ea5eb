package dev.mmids.gradient.web;

import java.util.List;

/** A body that is not one JSON object: a syntax error, a scalar or array at the top, trailing content. */
class MalformedJsonException extends RequestProblemException {

    MalformedJsonException(String detail) {
        super(ProblemKind.MALFORMED_JSON, detail, List.of());
    }

    MalformedJsonException(String detail, List<FieldError> errors) {
        super(ProblemKind.MALFORMED_JSON, detail, errors);
    }
}
