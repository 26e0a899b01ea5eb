package dev.mmids.gradient.web.problem;

/** A computation that reached a value that is not a finite double, named by the field that can avoid it. */
public class NonFiniteResultProblem extends Problem {

    public NonFiniteResultProblem(String pointer, String detail) {
        super(ProblemKind.NON_FINITE_RESULT, detail, java.util.List.of(new FieldError(pointer, detail)));
    }
}
