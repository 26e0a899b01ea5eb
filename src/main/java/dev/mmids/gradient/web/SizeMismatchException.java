package dev.mmids.gradient.web;

/** A vector whose length does not fit the network: an input of another width, a label of another length. */
class SizeMismatchException extends RequestProblemException {

    SizeMismatchException(String pointer, String detail) {
        super(ProblemKind.SHAPE_MISMATCH, new FieldError(pointer, detail));
    }

    /** The first error says what is at fault; the others, what shows it. */
    SizeMismatchException(java.util.List<FieldError> errors) {
        super(
                ProblemKind.SHAPE_MISMATCH,
                errors.get(0).pointer() + " " + errors.get(0).detail(),
                errors);
    }
}
