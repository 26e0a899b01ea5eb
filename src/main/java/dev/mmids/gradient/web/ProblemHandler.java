package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.DeadlineExceededException;
import dev.mmids.gradient.backprop.NonFiniteValueException;
import dev.mmids.gradient.backprop.OutputOutsideDomainException;
import dev.mmids.gradient.backprop.ShapeMismatchException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem: the request problems with their pointers, the
 * engine's arithmetic failures with the layer they arose in, and Spring MVC's own exceptions. The
 * details are the service's own words: never a class name, a library message or a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final String INTERNAL_ERROR_DETAIL =
            "the server failed to answer this request; it has been logged, and the request may succeed if sent again";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Problems problems;
    private final Admission admission;

    ProblemHandler(Problems problems, Admission admission) {
        this.problems = problems;
        this.admission = admission;
    }

    @ExceptionHandler(RequestProblemException.class)
    ResponseEntity<Object> requestProblem(RequestProblemException e, HttpServletRequest request) {
        return retryLater(Problems.response(problems.of(e.kind(), e.getMessage(), e.errors(), request)));
    }

    @ExceptionHandler(DeadlineExceededException.class)
    ResponseEntity<Object> deadlineExceeded(DeadlineExceededException e, HttpServletRequest request) {
        String detail = "the computation took longer than this server allows ("
                + e.allowed().toSeconds()
                + " s, gradient.limits.compute-deadline): the server may be busy, so retry later, or the request"
                + " too large, so send smaller batches";
        return retryLater(Problems.response(problems.of(ProblemKind.DEADLINE_EXCEEDED, detail, List.of(), request)));
    }

    /** A 503 says when to come back. */
    private ResponseEntity<Object> retryLater(ResponseEntity<Object> answer) {
        if (answer.getStatusCode().value() != 503) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(admission.retryAfter()))
                .body(answer.getBody());
    }

    @ExceptionHandler(NonFiniteValueException.class)
    ResponseEntity<Object> nonFiniteResult(NonFiniteValueException e, HttpServletRequest request) {
        String pointer = e.inLoss() ? "/loss" : Pointer.element("/layers", e.layer() - 1);
        return Problems.response(problems.of(
                ProblemKind.NON_FINITE_RESULT,
                e.getMessage(),
                List.of(new FieldError(pointer, e.getMessage())),
                request));
    }

    @ExceptionHandler(OutputOutsideDomainException.class)
    ResponseEntity<Object> lossDomain(OutputOutsideDomainException e, HttpServletRequest request) {
        return Problems.response(problems.of(
                ProblemKind.LOSS_DOMAIN, e.getMessage(), List.of(new FieldError("/loss", e.getMessage())), request));
    }

    /** The assembler checks every size first; this answers if the engine still finds two that do not fit. */
    @ExceptionHandler(ShapeMismatchException.class)
    ResponseEntity<Object> shapeMismatch(ShapeMismatchException e, HttpServletRequest request) {
        return Problems.response(problems.of(ProblemKind.SHAPE_MISMATCH, e.getMessage(), List.of(), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.response(problems.of(ProblemKind.INTERNAL_ERROR, INTERNAL_ERROR_DETAIL, List.of(), request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return requestProblem(JsonProblems.translate(e), servletRequest(request));
    }

    /** Spring MVC's other exceptions: 404, 405, 406, 415 and the rare rest, in the service's words. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest webRequest) {
        HttpServletRequest request = servletRequest(webRequest);
        String detail = detail(e, request, status);
        ProblemKind kind = ProblemKind.forStatus(status.value());
        ProblemDetail problem = kind != null
                ? problems.of(kind, detail, List.of(), request)
                : problems.ofStatus(status, detail, request);
        HttpHeaders answerHeaders = new HttpHeaders();
        if (headers != null) {
            answerHeaders.putAll(headers);
        }
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, answerHeaders, status);
    }

    private static String detail(Exception e, HttpServletRequest request, HttpStatusCode status) {
        String target = request.getMethod() + " " + request.getRequestURI();
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return "there is no resource at " + request.getRequestURI()
                    + "; the service offers POST /gradient, POST /jacobian, POST /forward and GET /catalog";
        }
        if (e instanceof HttpRequestMethodNotSupportedException notSupported) {
            String allowed = notSupported.getSupportedHttpMethods() == null
                    ? ""
                    : "; it allows "
                            + notSupported.getSupportedHttpMethods().stream()
                                    .map(Object::toString)
                                    .collect(Collectors.joining(", "));
            return request.getRequestURI() + " does not allow " + request.getMethod() + allowed;
        }
        if (e instanceof HttpMediaTypeNotSupportedException notSupported) {
            return target + " takes a JSON body with Content-Type application/json, not "
                    + (notSupported.getContentType() == null
                            ? "a body without a Content-Type"
                            : notSupported.getContentType());
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return target + " answers application/json (and application/problem+json for problems), which the Accept"
                    + " header does not allow";
        }
        return target + " failed with status " + status.value();
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }
}
