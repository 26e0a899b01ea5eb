package dev.mmids.gradient.web.problem;

import java.util.List;
import org.springframework.web.ErrorResponseException;

/**
 * A request the service answers with a problem instead of numbers: an RFC 9457 problem detail with its
 * type, title and status from its {@link ProblemKind}, its own detail, and the fields at fault as JSON
 * Pointers. Each subclass is one problem type and writes its detail; {@link Problems} adds the instance and
 * counts it when it is answered. A problem is an answer, not a failure: it carries no stack trace.
 */
public abstract class Problem extends ErrorResponseException {

    private final ProblemKind kind;
    private final transient List<FieldError> errors;

    protected Problem(ProblemKind kind, String detail, List<FieldError> errors) {
        super(kind.status(), Problems.detail(kind, detail, errors), null);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    /** A problem with one field at fault, whose detail is the pointer and what is wrong there. */
    protected Problem(ProblemKind kind, FieldError error) {
        this(kind, error.pointer() + " " + error.detail(), List.of(error));
    }

    public ProblemKind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The detail, for logs and tests; the answer is {@link #getBody()}. */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
