package dev.mmids.gradient.web;

import java.util.Collection;

/** A layer type, loss type or reduction the service does not know. */
class UnknownTypeException extends RequestProblemException {

    /** @param what e.g. "layer type" */
    UnknownTypeException(String pointer, String what, String value, Collection<String> known) {
        super(
                ProblemKind.UNKNOWN_TYPE,
                new FieldError(
                        pointer,
                        "is the " + what + " \"" + value + "\", which is not one of " + String.join(", ", known)));
    }
}
