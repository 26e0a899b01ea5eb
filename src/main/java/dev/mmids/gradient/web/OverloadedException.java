package dev.mmids.gradient.web;

import java.util.List;

/** The server has no room for the request now: too many computations, or too much memory held. */
class OverloadedException extends RequestProblemException {

    OverloadedException(String detail) {
        super(ProblemKind.OVERLOADED, detail, List.of());
    }
}
