package dev.mmids.gradient.web;

import java.util.List;

/** An answer that is only a status, such as an error sent without a body: a problem of that status. */
class StatusProblemException extends RequestProblemException {

    StatusProblemException(int status) {
        super(kind(status), detail(status), List.of());
    }

    private static ProblemKind kind(int status) {
        ProblemKind kind = ProblemKind.forStatus(status);
        return kind != null ? kind : status >= 500 ? ProblemKind.INTERNAL_ERROR : ProblemKind.BAD_REQUEST;
    }

    private static String detail(int status) {
        return status >= 500
                ? ProblemHandler.INTERNAL_ERROR_DETAIL
                : "the server could not answer the request (status " + status + ")";
    }
}
