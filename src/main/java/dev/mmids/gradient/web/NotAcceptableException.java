package dev.mmids.gradient.web;

import java.util.List;

/** A valid request whose client accepts neither of the answer's forms. */
class NotAcceptableException extends RequestProblemException {

    NotAcceptableException(String accept) {
        super(
                ProblemKind.NOT_ACCEPTABLE,
                "the request is valid, but its answer is application/json or application/cbor, which the Accept"
                        + " header (" + accept + ") does not allow; problems come as application/problem+json",
                List.of());
    }
}
