package dev.mmids.gradient.web.problem;

/** A layer setting out of its range, or a field that does not belong to the layer's type. */
public class InvalidSettingProblem extends Problem {

    public InvalidSettingProblem(String pointer, String detail) {
        super(ProblemKind.INVALID_SETTING, new FieldError(pointer, detail));
    }
}
