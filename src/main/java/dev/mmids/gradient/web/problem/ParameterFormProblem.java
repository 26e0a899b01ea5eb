package dev.mmids.gradient.web.problem;

import java.util.List;

/** Parameters given in both forms, in neither, or on a layer that has none. */
public class ParameterFormProblem extends Problem {

    private ParameterFormProblem(String detail, List<FieldError> errors) {
        super(ProblemKind.PARAMETER_FORM, detail, errors);
    }

    public static ParameterFormProblem both(String layerPointer) {
        return new ParameterFormProblem(
                "the parameters come in both forms: give either a top-level \"parameters\" array holding"
                        + " (w^L; ...; w^1), or \"parameters\" on every linear layer, not both",
                List.of(
                        new FieldError("/parameters", "holds all parameters"),
                        new FieldError(layerPointer, "holds a layer's parameters too")));
    }

    public static ParameterFormProblem neither() {
        return new ParameterFormProblem(
                "the request has no parameters: give a top-level \"parameters\" array holding (w^L; ...; w^1), or"
                        + " \"parameters\" on every linear layer",
                List.of(new FieldError("/parameters", "is missing, and so are the layers' parameters")));
    }

    public static ParameterFormProblem missingOnLayer(String layerPointer, int i) {
        return new ParameterFormProblem(
                "layer " + i + " (linear) has no \"parameters\" while other layers carry theirs: give every linear"
                        + " layer its parameters, or use one top-level \"parameters\" array",
                List.of(new FieldError(layerPointer, "is a linear layer without \"parameters\"")));
    }

    public static ParameterFormProblem onParameterFreeLayer(String pointer, int i, String type) {
        return new ParameterFormProblem(
                "layer " + i + " (" + type + ") has no parameters, so it cannot carry \"parameters\"",
                List.of(new FieldError(pointer, "must be absent: " + type + " has no parameters")));
    }
}
