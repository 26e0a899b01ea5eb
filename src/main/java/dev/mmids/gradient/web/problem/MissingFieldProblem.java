package dev.mmids.gradient.web.problem;

import java.util.List;

/** Required fields that are absent or null. */
public class MissingFieldProblem extends Problem {

    public MissingFieldProblem(List<String> pointers) {
        super(
                ProblemKind.MISSING_FIELD,
                "the request lacks the required " + (pointers.size() == 1 ? "field " : "fields ")
                        + String.join(", ", pointers),
                pointers.stream().map(p -> new FieldError(p, "is required")).toList());
    }
}
