package dev.mmids.gradient.web.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the service answers, each with its stable {@code type} URI. The URIs are
 * {@code tag:} URIs (RFC 4151), as RFC 9457 suggests for identifiers that are not meant to be
 * dereferenced; the README and openapi.yaml document each one.
 */
public enum ProblemKind {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad-request", "Bad request"),
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "malformed-json", "The body is not a JSON object"),
    WRONG_TYPE(HttpStatus.BAD_REQUEST, "wrong-type", "A field has the wrong JSON type"),
    MISSING_FIELD(HttpStatus.BAD_REQUEST, "missing-field", "A required field is missing"),
    UNKNOWN_FIELD(HttpStatus.BAD_REQUEST, "unknown-field", "The request has a field the API does not define"),
    UNKNOWN_TYPE(HttpStatus.BAD_REQUEST, "unknown-type", "Unknown type or value"),
    NON_FINITE_NUMBER(HttpStatus.BAD_REQUEST, "non-finite-number", "A number is not a finite double"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "No acceptable representation"),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "The request arrived too slowly"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The body is too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "The body is not JSON"),
    INVALID_SETTING(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-setting", "A setting is invalid"),
    PARAMETER_FORM(HttpStatus.UNPROCESSABLE_CONTENT, "parameter-form", "Parameters must come in exactly one form"),
    PARAMETER_COUNT(HttpStatus.UNPROCESSABLE_CONTENT, "parameter-count", "Wrong number of parameters"),
    SAMPLE_FORM(HttpStatus.UNPROCESSABLE_CONTENT, "sample-form", "Samples must come in exactly one form"),
    SHAPE_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "shape-mismatch", "Sizes do not fit the network"),
    INVALID_LABEL(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-label", "A label is outside the loss's domain"),
    LIMIT_EXCEEDED(HttpStatus.UNPROCESSABLE_CONTENT, "limit-exceeded", "The request exceeds a limit of the server"),
    NON_FINITE_RESULT(HttpStatus.UNPROCESSABLE_CONTENT, "non-finite-result", "The computation is not finite"),
    LOSS_DOMAIN(HttpStatus.UNPROCESSABLE_CONTENT, "loss-domain", "The network's output is outside the loss's domain"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error"),
    OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "The server is busy"),
    DEADLINE_EXCEEDED(HttpStatus.SERVICE_UNAVAILABLE, "deadline-exceeded", "The computation took too long");

    public static final String TYPE_PREFIX = "tag:gradient.mmids,2026:problems/";

    private final HttpStatus status;
    private final String slug;
    private final URI type;
    private final String title;

    ProblemKind(HttpStatus status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.type = URI.create(TYPE_PREFIX + slug);
        this.title = title;
    }

    /** The last part of the type, e.g. {@code parameter-count}. */
    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The kind for an HTTP status that no more specific kind explains, or null for a status the service never answers itself. */
    public static ProblemKind forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> REQUEST_TIMEOUT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 500 -> INTERNAL_ERROR;
            case 503 -> OVERLOADED;
            default -> null;
        };
    }
}
