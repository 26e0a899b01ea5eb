package dev.mmids.gradient.web;

import java.util.List;

/** Samples given as both one sample and a batch, as neither, or with labels and no loss. */
class SampleFormException extends RequestProblemException {

    SampleFormException(String detail, List<FieldError> errors) {
        super(ProblemKind.SAMPLE_FORM, detail, errors);
    }

    static SampleFormException both() {
        return new SampleFormException(
                "the request has both one sample (\"x\") and a batch (\"samples\"): give exactly one",
                List.of(new FieldError("/x", "gives one sample"), new FieldError("/samples", "gives a batch")));
    }

    static SampleFormException neither() {
        return new SampleFormException(
                "the request has no sample: give \"x\" (and \"y\") for one sample, or \"samples\": [{\"x\", \"y\"}, ...]",
                List.of(new FieldError("/x", "is missing, and so is /samples")));
    }

    static SampleFormException labelBesideBatch() {
        return new SampleFormException(
                "a top-level \"y\" belongs to a top-level \"x\"; in a batch each sample carries its own \"y\"",
                List.of(new FieldError("/y", "must be absent when /samples is given")));
    }

    static SampleFormException traceOfABatch() {
        return new SampleFormException(
                "a trace follows one sample: give \"x\" and \"y\" instead of \"samples\", or leave out \"trace\"",
                List.of(new FieldError("/trace", "needs a one-sample request")));
    }

    /** Labels where the request has no loss to take them (a forward pass without "loss"). */
    static SampleFormException labelsWithoutLoss(List<String> pointers, int count) {
        return new SampleFormException(
                "the request has " + count + (count == 1 ? " label" : " labels")
                        + " (\"y\") but no \"loss\": add the loss the labels are for, or leave them out",
                pointers.stream()
                        .map(pointer -> new FieldError(pointer, "is a label, but the request has no loss"))
                        .toList());
    }
}
