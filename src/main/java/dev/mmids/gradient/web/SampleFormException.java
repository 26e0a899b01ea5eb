package dev.mmids.gradient.web;

import java.util.List;

/** Samples given as both one sample and a batch, as neither, or as an empty batch. */
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

    static SampleFormException emptyBatch() {
        return new SampleFormException(
                "\"samples\" holds no sample", List.of(new FieldError("/samples", "must hold at least one sample")));
    }
}
