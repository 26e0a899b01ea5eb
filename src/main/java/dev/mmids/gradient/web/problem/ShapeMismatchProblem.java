package dev.mmids.gradient.web.problem;

import java.util.List;

/** A vector whose length does not fit the network: an input of another width, a label of another length. */
public class ShapeMismatchProblem extends Problem {

    public ShapeMismatchProblem(String pointer, String detail) {
        super(ProblemKind.SHAPE_MISMATCH, new FieldError(pointer, detail));
    }

    /** The first error says what is at fault; the others, what shows it. */
    public ShapeMismatchProblem(List<FieldError> errors) {
        super(
                ProblemKind.SHAPE_MISMATCH,
                errors.get(0).pointer() + " " + errors.get(0).detail(),
                errors);
    }
}
