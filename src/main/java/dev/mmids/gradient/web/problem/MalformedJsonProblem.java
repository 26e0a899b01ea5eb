package dev.mmids.gradient.web.problem;

import java.util.List;

/** A body that is not one JSON object: a syntax error, a scalar or array at the top, trailing content. */
public class MalformedJsonProblem extends Problem {

    public MalformedJsonProblem(String detail) {
        super(ProblemKind.MALFORMED_JSON, detail, List.of());
    }

    public MalformedJsonProblem(String detail, List<FieldError> errors) {
        super(ProblemKind.MALFORMED_JSON, detail, errors);
    }
}
