package dev.mmids.gradient.web.problem;

import java.util.Collection;

/** A layer type, loss type or reduction the service does not know. */
public class UnknownTypeProblem extends Problem {

    /** @param what e.g. "layer type" */
    public UnknownTypeProblem(String pointer, String what, String value, Collection<String> known) {
        super(
                ProblemKind.UNKNOWN_TYPE,
                new FieldError(
                        pointer,
                        "is the " + what + " \"" + value + "\", which is not one of " + String.join(", ", known)));
    }
}
