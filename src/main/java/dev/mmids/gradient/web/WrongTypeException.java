package dev.mmids.gradient.web;

/** A field whose JSON value has the wrong type, e.g. a string where a number belongs. */
class WrongTypeException extends RequestProblemException {

    /** @param expected what belongs there, e.g. "an array of numbers" */
    WrongTypeException(String pointer, String expected) {
        super(ProblemKind.WRONG_TYPE, new FieldError(pointer, "must be " + expected));
    }
}
