package dev.mmids.gradient.web.problem;

import java.util.List;
import org.springframework.util.unit.DataSize;

/**
 * A body the server will not take: larger than {@code gradient.limits.max-body-size}, or needing more
 * memory to read and parse than the server's whole memory budget.
 */
public class PayloadTooLargeProblem extends Problem {

    private static final String SPLIT = "send smaller requests: with \"reduction\": \"sum\" the gradient of a batch is"
            + " the sum of the gradients of its parts";

    private PayloadTooLargeProblem(String detail) {
        super(ProblemKind.PAYLOAD_TOO_LARGE, detail, List.of());
    }

    /** @param size the declared size in bytes, or -1 when the body declares none */
    public PayloadTooLargeProblem(DataSize limit, long size) {
        this("the request body" + (size < 0 ? "" : " of " + size + " bytes") + " is larger than this server's limit of "
                + limit.toBytes() + " bytes (gradient.limits.max-body-size); " + SPLIT);
    }

    /** A body whose reading and parsing needs {@code needed} bytes of memory, more than the whole {@code budget}. */
    public static PayloadTooLargeProblem forMemory(long needed, long budget) {
        return new PayloadTooLargeProblem("the request body needs at least " + LimitExceededProblem.mebibytes(needed)
                + " MiB of memory to be read and parsed, more than this server's whole memory budget of "
                + LimitExceededProblem.mebibytes(budget) + " MiB (gradient.admission.memory-budget); " + SPLIT);
    }
}
