package dev.mmids.gradient.web.problem;

/** A label y outside the domain of its loss, e.g. not a probability vector for cross-entropy. */
public class InvalidLabelProblem extends Problem {

    public InvalidLabelProblem(String pointer, String lossName, String problem) {
        super(ProblemKind.INVALID_LABEL, new FieldError(pointer, problem + ", as " + lossName + " requires"));
    }
}
