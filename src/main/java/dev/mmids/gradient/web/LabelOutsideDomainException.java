package dev.mmids.gradient.web;

/** A label y outside the domain of its loss, e.g. not a probability vector for cross-entropy. */
class LabelOutsideDomainException extends RequestProblemException {

    LabelOutsideDomainException(String pointer, String lossName, String problem) {
        super(ProblemKind.INVALID_LABEL, new FieldError(pointer, problem + ", as " + lossName + " requires"));
    }
}
