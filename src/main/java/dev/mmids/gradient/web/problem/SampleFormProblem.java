package dev.mmids.gradient.web.problem;

import java.util.List;

/** Samples given as both one sample and a batch, as neither, or with labels and no loss. */
public class SampleFormProblem extends Problem {

    private SampleFormProblem(String detail, List<FieldError> errors) {
        super(ProblemKind.SAMPLE_FORM, detail, errors);
    }

    public static SampleFormProblem both() {
        return new SampleFormProblem(
                "the request has both one sample (\"x\") and a batch (\"samples\"): give exactly one",
                List.of(new FieldError("/x", "gives one sample"), new FieldError("/samples", "gives a batch")));
    }

    public static SampleFormProblem neither() {
        return new SampleFormProblem(
                "the request has no sample: give \"x\" (and \"y\") for one sample, or \"samples\": [{\"x\", \"y\"}, ...]",
                List.of(new FieldError("/x", "is missing, and so is /samples")));
    }

    /** A top-level target (y, label, cotangent) beside a batch: {@code pointer} is {@code /y}, ... */
    public static SampleFormProblem targetBesideBatch(String pointer) {
        String field = pointer.substring(1);
        return new SampleFormProblem(
                "a top-level \"" + field + "\" belongs to a top-level \"x\"; in a batch each sample carries its own \""
                        + field + "\"",
                List.of(new FieldError(pointer, "must be absent when /samples is given")));
    }

    /** A sample with its label both as a vector and as a class index. */
    public static SampleFormProblem labelTwice(String y, String label) {
        return new SampleFormProblem(
                "a sample has both \"y\" and \"label\": give its label once, as a vector y or as a class index",
                List.of(
                        new FieldError(y, "gives the label as a vector"),
                        new FieldError(label, "gives it as a class")));
    }

    public static SampleFormProblem traceOfABatch() {
        return new SampleFormProblem(
                "a trace follows one sample: give \"x\" and \"y\" instead of \"samples\", or leave out \"trace\"",
                List.of(new FieldError("/trace", "needs a one-sample request")));
    }

    /** Labels where the request has no loss to take them (a forward pass without "loss"). */
    public static SampleFormProblem labelsWithoutLoss(List<String> pointers, int count) {
        return new SampleFormProblem(
                "the request has " + count + (count == 1 ? " label" : " labels")
                        + " (\"y\" or \"label\") but no \"loss\": add the loss the labels are for, or leave them out",
                pointers.stream()
                        .map(pointer -> new FieldError(pointer, "is a label, but the request has no loss"))
                        .toList());
    }
}
