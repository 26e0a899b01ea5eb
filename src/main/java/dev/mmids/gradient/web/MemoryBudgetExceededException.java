package dev.mmids.gradient.web;

import java.util.List;

/**
 * A request whose computation and answer need more memory than the server's whole memory budget: no
 * retry can help, so it is a 422 {@code limit-exceeded}, not a 503.
 */
class MemoryBudgetExceededException extends RequestProblemException {

    MemoryBudgetExceededException(long needed, long budget) {
        super(
                ProblemKind.LIMIT_EXCEEDED,
                "the request needs about " + Footprint.mebibytes(needed) + " MiB of memory to compute and answer, more"
                        + " than this server's whole memory budget of " + Footprint.mebibytes(budget)
                        + " MiB (gradient.admission.memory-budget); send smaller batches (with \"reduction\": \"sum\""
                        + " the parts' gradients add up), or a smaller network",
                List.of());
    }
}
