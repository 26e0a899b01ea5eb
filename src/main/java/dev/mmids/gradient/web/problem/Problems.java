package dev.mmids.gradient.web.problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one builder of RFC 9457 problem details, which every path that answers with a problem uses: the
 * exception handler, the body filter, the error page and Tomcat's error valve. Built here, a problem gets
 * its type, title and status from its {@link ProblemKind}, the fields at fault as {@code errors}, the
 * path it answers as {@code instance}, and is counted by type in the metric {@code gradient.problems}.
 */
@Component
public class Problems {

    /** What a 500 says: nothing of the failure itself, which is logged. */
    public static final String INTERNAL_ERROR_DETAIL =
            "the server failed to answer this request; it has been logged, and the request may succeed if sent again";

    /** For writers outside Spring MVC, which serialises problems with this same mix-in. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    private final MeterRegistry registry;

    Problems(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The problem detail of a kind, without an instance: what a {@link Problem} carries. */
    public static ProblemDetail detail(ProblemKind kind, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(kind.status(), detail);
        problem.setType(kind.type());
        problem.setTitle(kind.title());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /**
     * The problem of an answer that is only a status, such as an error sent without a body: the kind of
     * that status, or {@code about:blank} (whose title is the reason phrase) for a status no kind describes.
     *
     * @param detail what to say, or null for the status's own words
     */
    public static ProblemDetail detail(int status, String detail) {
        ProblemKind kind = ProblemKind.forStatus(status);
        String said = detail != null ? detail : statusDetail(status);
        return kind != null
                ? detail(kind, said, List.of())
                : ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), said);
    }

    private static String statusDetail(int status) {
        if (status >= 500) {
            return INTERNAL_ERROR_DETAIL;
        }
        if (status == 400) {
            return "the server could not read the request: its line, URL, headers or encoding are malformed";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return "the server could not answer the request (status " + status
                + (known == null ? "" : ", " + known.getReasonPhrase()) + ")";
    }

    /** A problem as it is answered to {@code request}: with its instance, and counted. */
    public ProblemDetail of(Problem problem, HttpServletRequest request) {
        return answered(problem.getBody(), request);
    }

    public ProblemDetail of(ProblemKind kind, String detail, List<FieldError> errors, HttpServletRequest request) {
        return answered(detail(kind, detail, errors), request);
    }

    /** The problem of a status, as {@link #detail(int, String)} describes it, answered to {@code request}. */
    public ProblemDetail ofStatus(int status, String detail, HttpServletRequest request) {
        return answered(detail(status, detail), request);
    }

    public static ResponseEntity<Object> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Writes a problem straight to the response, for what answers before Spring MVC. */
    public static void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /** A problem as JSON text, for what answers outside the application (Tomcat's error valve). */
    public static String json(ProblemDetail problem) {
        return JSON.writeValueAsString(problem);
    }

    private ProblemDetail answered(ProblemDetail problem, HttpServletRequest request) {
        problem.setInstance(instance(request));
        String type =
                problem.getType() == null ? "about:blank" : problem.getType().toString();
        Counter.builder("gradient.problems")
                .description("Problems answered, by type and status")
                .tag(
                        "type",
                        type.startsWith(ProblemKind.TYPE_PREFIX)
                                ? type.substring(ProblemKind.TYPE_PREFIX.length())
                                : type)
                .tag("status", Integer.toString(problem.getStatus()))
                .register(registry)
                .increment();
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
