package dev.mmids.gradient.web.problem;

import java.util.Collection;

/** A member the API does not define, most often a misspelt one: ignoring it could change the answer silently. */
public class UnknownFieldProblem extends Problem {

    public UnknownFieldProblem(String pointer, Collection<String> known) {
        super(
                ProblemKind.UNKNOWN_FIELD,
                new FieldError(
                        pointer,
                        "is not a field of this object"
                                + (known.isEmpty() ? "" : "; its fields are " + String.join(", ", known))));
    }
}
