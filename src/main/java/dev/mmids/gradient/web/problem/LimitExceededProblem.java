package dev.mmids.gradient.web.problem;

import java.util.List;

/**
 * A request larger than a limit of the server: its layers, parameters, samples or widths, or the memory
 * its computation needs. No retry can help, so it is a 422, not a 503.
 */
public class LimitExceededProblem extends Problem {

    private LimitExceededProblem(String detail) {
        super(ProblemKind.LIMIT_EXCEEDED, detail, List.of());
    }

    /** @param what e.g. "layers" */
    public LimitExceededProblem(String pointer, String what, long actual, long limit) {
        super(
                ProblemKind.LIMIT_EXCEEDED,
                new FieldError(
                        pointer,
                        "asks for " + actual + " " + what + ", more than this server's limit of " + limit
                                + " (GET /catalog lists the limits)"));
    }

    /** A request whose computation and answer need {@code needed} bytes, more than the whole {@code budget}. */
    public static LimitExceededProblem forMemory(long needed, long budget) {
        return new LimitExceededProblem("the request needs about " + mebibytes(needed) + " MiB of memory to compute"
                + " and answer, more than this server's whole memory budget of " + mebibytes(budget)
                + " MiB (gradient.admission.memory-budget); send smaller batches (with \"reduction\": \"sum\" the"
                + " parts' gradients add up), or a smaller network");
    }

    /** Whole mebibytes, rounded up. */
    static long mebibytes(long bytes) {
        return bytes / (1 << 20) + (bytes % (1 << 20) == 0 ? 0 : 1);
    }
}
