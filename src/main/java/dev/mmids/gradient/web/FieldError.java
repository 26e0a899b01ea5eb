package dev.mmids.gradient.web;

/** A field at fault: a JSON Pointer (RFC 6901) into the request, and what is wrong there. */
record FieldError(String pointer, String detail) {}
