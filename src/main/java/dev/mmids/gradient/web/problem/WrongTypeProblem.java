package dev.mmids.gradient.web.problem;

/** A field whose JSON value has the wrong type, e.g. a string where a number belongs. */
public class WrongTypeProblem extends Problem {

    /** @param expected what belongs there, e.g. "an array of numbers" */
    public WrongTypeProblem(String pointer, String expected) {
        super(ProblemKind.WRONG_TYPE, new FieldError(pointer, "must be " + expected));
    }
}
