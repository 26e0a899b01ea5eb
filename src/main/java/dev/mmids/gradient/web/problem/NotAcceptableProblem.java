package dev.mmids.gradient.web.problem;

import java.util.List;

/** A valid request whose client accepts neither of the answer's forms. */
public class NotAcceptableProblem extends Problem {

    public NotAcceptableProblem(String accept) {
        super(
                ProblemKind.NOT_ACCEPTABLE,
                "the request is valid, but its answer is application/json or application/cbor, which the Accept"
                        + " header (" + accept + ") does not allow; problems come as application/problem+json",
                List.of());
    }
}
