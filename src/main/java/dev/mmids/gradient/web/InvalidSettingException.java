package dev.mmids.gradient.web;

/** A layer setting out of its range, or a field that does not belong to the layer's type. */
class InvalidSettingException extends RequestProblemException {

    InvalidSettingException(String pointer, String detail) {
        super(ProblemKind.INVALID_SETTING, new FieldError(pointer, detail));
    }
}
