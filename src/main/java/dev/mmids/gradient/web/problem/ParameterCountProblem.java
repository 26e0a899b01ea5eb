package dev.mmids.gradient.web.problem;

/** A parameter array whose length differs from what the network takes. */
public class ParameterCountProblem extends Problem {

    /** @param expectation e.g. "layer 1 (linear, 2 × 3 with bias) takes 8 parameters" */
    public ParameterCountProblem(String pointer, String expectation, int actual) {
        super(ProblemKind.PARAMETER_COUNT, new FieldError(pointer, "has " + actual + " numbers, but " + expectation));
    }
}
