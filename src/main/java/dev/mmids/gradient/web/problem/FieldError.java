package dev.mmids.gradient.web.problem;

import tools.jackson.core.JsonPointer;

/** A field at fault: a JSON Pointer (RFC 6901) into the request, and what is wrong there. */
public record FieldError(String pointer, String detail) {

    public FieldError(JsonPointer pointer, String detail) {
        this(pointer.toString(), detail);
    }
}
