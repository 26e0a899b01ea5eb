package dev.mmids.gradient.web.server;

import dev.mmids.gradient.backprop.NonFiniteValueException;
import dev.mmids.gradient.backprop.OutputOutsideDomainException;
import dev.mmids.gradient.backprop.ShapeMismatchException;
import dev.mmids.gradient.backprop.compute.DeadlineExceededException;
import dev.mmids.gradient.web.admission.AdmissionSettings;
import dev.mmids.gradient.web.json.JsonProblems;
import dev.mmids.gradient.web.problem.FieldError;
import dev.mmids.gradient.web.problem.OverloadedProblem;
import dev.mmids.gradient.web.problem.Problem;
import dev.mmids.gradient.web.problem.ProblemKind;
import dev.mmids.gradient.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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
import tools.jackson.core.JsonPointer;

/**
 * Turns every failure into an RFC 9457 problem: the request {@link Problem}s with their pointers, the
 * engine's arithmetic failures with the layer they arose in, and Spring MVC's own exceptions. The
 * details are the service's own words: never a class name, a library message or a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Problems problems;
    private final AdmissionSettings admission;

    ProblemHandler(Problems problems, AdmissionSettings admission) {
        this.problems = problems;
        this.admission = admission;
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<Object> problem(Problem problem, HttpServletRequest request) {
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problems.of(problem, request));
    }

    @ExceptionHandler(DeadlineExceededException.class)
    ResponseEntity<Object> deadlineExceeded(DeadlineExceededException e, HttpServletRequest request) {
        return problem(OverloadedProblem.deadlineExceeded(e.allowed().toSeconds(), admission.retryAfter()), request);
    }

    @ExceptionHandler(NonFiniteValueException.class)
    ResponseEntity<Object> nonFiniteResult(NonFiniteValueException e, HttpServletRequest request) {
        String pointer = e.inLoss()
                ? "/loss"
                : JsonPointer.compile("/layers").appendIndex(e.layer() - 1).toString();
        String detail = e.getMessage() + (e.onlyTraced() ? "; the request without \"trace\" succeeds" : "");
        return Problems.response(
                problems.of(ProblemKind.NON_FINITE_RESULT, detail, List.of(new FieldError(pointer, detail)), request));
    }

    @ExceptionHandler(OutputOutsideDomainException.class)
    ResponseEntity<Object> lossDomain(OutputOutsideDomainException e, HttpServletRequest request) {
        return Problems.response(problems.of(
                ProblemKind.LOSS_DOMAIN, e.getMessage(), List.of(new FieldError("/loss", e.getMessage())), request));
    }

    /** The request model checks every size first; this answers if the engine still finds two that do not fit. */
    @ExceptionHandler(ShapeMismatchException.class)
    ResponseEntity<Object> shapeMismatch(ShapeMismatchException e, HttpServletRequest request) {
        return Problems.response(problems.of(ProblemKind.SHAPE_MISMATCH, e.getMessage(), List.of(), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.response(problems.ofStatus(500, null, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(JsonProblems.translate(e), servletRequest(request));
    }

    /** Spring MVC's other exceptions: 404, 405, 406, 415 and the rare rest, in the service's words. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest webRequest) {
        HttpServletRequest request = servletRequest(webRequest);
        HttpHeaders answerHeaders = new HttpHeaders();
        if (headers != null) {
            answerHeaders.putAll(headers);
        }
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(
                problems.ofStatus(status.value(), detail(e, request, status), request), answerHeaders, status);
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
