package dev.mmids.gradient.web.problem;

import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * The server has no room for the request now (too many computations, or too much memory held) or ran
 * out of time for it: a 503 that says when to come back.
 */
public class OverloadedProblem extends Problem {

    private OverloadedProblem(ProblemKind kind, String detail, int retryAfterSeconds) {
        super(kind, detail, List.of());
        getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
    }

    /** No room now: every computation slot busy, or the memory budget held. */
    public OverloadedProblem(String detail, int retryAfterSeconds) {
        this(ProblemKind.OVERLOADED, detail, retryAfterSeconds);
    }

    /** The computation ran past the server's deadline. */
    public static OverloadedProblem deadlineExceeded(long allowedSeconds, int retryAfterSeconds) {
        return new OverloadedProblem(
                ProblemKind.DEADLINE_EXCEEDED,
                "the computation took longer than this server allows (" + allowedSeconds
                        + " s, gradient.limits.compute-deadline): the server may be busy, so retry later, or the"
                        + " request too large, so send smaller batches",
                retryAfterSeconds);
    }

    /** A run of {@code POST /descent} past its deadline, after {@code epochs} whole epochs. */
    public static OverloadedProblem runDeadlineExceeded(long allowedSeconds, int epochs, int retryAfterSeconds) {
        return new OverloadedProblem(
                ProblemKind.DEADLINE_EXCEEDED,
                "the run took longer than this server allows (" + allowedSeconds
                        + " s, gradient.limits.descent-deadline) after " + epochs + " whole epochs: the server may be"
                        + " busy, so retry later, or the run too long, so ask for fewer epochs and continue from the"
                        + " parameters it answers",
                retryAfterSeconds);
    }
}
