package dev.mmids.gradient.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details, built in one way for every path that answers with one, and counted by
 * type in the metric {@code gradient.problems}.
 */
@Component
class Problems {

    private final MeterRegistry registry;

    Problems(MeterRegistry registry) {
        this.registry = registry;
    }

    ProblemDetail of(ProblemKind kind, String detail, List<FieldError> errors, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(kind.status(), detail);
        problem.setType(kind.type());
        problem.setTitle(kind.title());
        return counted(withInstanceAndErrors(problem, errors, request), kind.slug());
    }

    ProblemDetail of(RequestProblemException problem, HttpServletRequest request) {
        return of(problem.kind(), problem.getMessage(), problem.errors(), request);
    }

    /** For a status no kind describes: {@code about:blank}, whose title is the status's reason phrase. */
    ProblemDetail ofStatus(HttpStatusCode status, String detail, HttpServletRequest request) {
        return counted(
                withInstanceAndErrors(ProblemDetail.forStatusAndDetail(status, detail), List.of(), request),
                "about:blank");
    }

    static ResponseEntity<Object> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Writes a problem straight to the response, for filters that answer before Spring MVC. */
    static void write(ProblemDetail problem, HttpServletResponse response, JsonMapper json) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private ProblemDetail counted(ProblemDetail problem, String type) {
        Counter.builder("gradient.problems")
                .description("Problems answered, by type and status")
                .tag("type", type)
                .tag("status", Integer.toString(problem.getStatus()))
                .register(registry)
                .increment();
        return problem;
    }

    private static ProblemDetail withInstanceAndErrors(
            ProblemDetail problem, List<FieldError> errors, HttpServletRequest request) {
        problem.setInstance(instance(request));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static URI instance(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri ? uri : request.getRequestURI();
        try {
            return path == null ? null : new URI(path);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
