package dev.mmids.gradient.web;

/** A request larger than a configured limit of the server (layers, parameters, samples, widths). */
class LimitExceededException extends RequestProblemException {

    /** @param what e.g. "layers" */
    LimitExceededException(String pointer, String what, long actual, long limit) {
        super(
                ProblemKind.LIMIT_EXCEEDED,
                new FieldError(
                        pointer,
                        "asks for " + actual + " " + what + ", more than this server's limit of " + limit
                                + " (GET /catalog lists the limits)"));
    }
}
