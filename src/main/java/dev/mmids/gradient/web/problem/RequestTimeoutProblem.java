package dev.mmids.gradient.web.problem;

import java.util.List;

/** A body that arrived more slowly than the server waits for. */
public class RequestTimeoutProblem extends Problem {

    public RequestTimeoutProblem(long received, long elapsedMillis, String rule) {
        super(
                ProblemKind.REQUEST_TIMEOUT,
                "the request body arrived too slowly: " + received + " bytes in " + elapsedMillis + " ms, while " + rule
                        + "; send the body at once",
                List.of());
    }
}
