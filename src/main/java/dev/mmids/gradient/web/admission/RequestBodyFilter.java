package dev.mmids.gradient.web.admission;

import dev.mmids.gradient.web.model.Limits;
import dev.mmids.gradient.web.problem.PayloadTooLargeProblem;
import dev.mmids.gradient.web.problem.Problem;
import dev.mmids.gradient.web.problem.Problems;
import dev.mmids.gradient.web.problem.UnsupportedMediaTypeProblem;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The way of a request with a body through the server: its body is read whole, its computation admitted,
 * and its answer written, each bounded so that no client can hold more than it is given.
 *
 * <ol>
 *   <li><b>The body</b> is read as it arrives, without a thread while the client sends it (Tomcat's
 *       non-blocking reads), into memory reserved chunk by chunk for the bytes that have arrived, never
 *       for what a header promises. It is refused with 413 past {@code gradient.limits.max-body-size},
 *       counted on the bytes read however the body is framed, and with 408 when it falls behind the
 *       minimum transfer rate ({@link AdmissionSettings#transferDeadline}). A small body that has
 *       arrived whole with its headers is read at once: there is nothing to wait for.
 *   <li><b>The computation</b>, once the body is whole: a computation slot, then the request's deadline
 *       ({@code gradient.limits.compute-deadline}), which covers parsing, computing and writing the answer
 *       into memory. The controllers reserve their memory through {@link Admitted}.
 *   <li><b>The answer</b> is held in memory ({@link CapturedResponse}); the slot and the computation's
 *       memory are given back, and the answer is written without a thread while the client reads it, cut
 *       off when the client reads too slowly; a small answer, which the socket's buffer takes whole, is
 *       written at once. The request's memory is given back once it is written.
 * </ol>
 *
 * <p>Requests without a body (GET, and the like) pass straight through. The filter runs after Spring
 * Boot's observation filter, so that its refusals are timed and counted in {@code http.server.requests}
 * like every other answer. Outside Tomcat (MockMvc), bodies are read and answers written with blocking
 * calls, with the same limits.
 */
@Component
@Order(RequestBodyFilter.ORDER)
class RequestBodyFilter extends OncePerRequestFilter {

    /** After Spring Boot's {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1}). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final Limits limits;
    private final AdmissionSettings settings;
    private final Admission admission;
    private final Problems problems;
    private final ScheduledExecutorService timer;
    private final Endpoints endpoints;

    RequestBodyFilter(
            Limits limits,
            AdmissionSettings settings,
            Admission admission,
            Problems problems,
            ScheduledExecutorService transferTimer,
            Endpoints endpoints) {
        this.limits = limits;
        this.settings = settings;
        this.admission = admission;
        this.problems = problems;
        this.timer = transferTimer;
        this.endpoints = endpoints;
    }

    /** The filter resumes its own requests when their bodies have arrived (an ASYNC dispatch). */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Optional<Exchange> resumed = Exchange.resumed(request);
            if (resumed.isPresent()) {
                resumed.get().serve(chain);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            refuseEarly(request);
        } catch (Problem refused) {
            refuse(refused, request, response);
            return;
        }
        new Exchange(this, request, response).start(chain);
    }

    /** A body comes with a Content-Length above 0 or any Transfer-Encoding (Tomcat refuses those it cannot read). */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** What the headers alone say: a body over the limit, or one in an encoding the service does not decode. */
    private void refuseEarly(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > limits.maxBodySize().toBytes()) {
            throw new PayloadTooLargeProblem(limits.maxBodySize(), declared);
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw UnsupportedMediaTypeProblem.contentCoding(encoding);
        }
    }

    Limits limits() {
        return limits;
    }

    AdmissionSettings settings() {
        return settings;
    }

    Admission admission() {
        return admission;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Answers with the problem and closes the connection: the rest of the body, if any, is not read. */
    void refuse(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (problem instanceof UnsupportedMediaTypeProblem) {
            response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
        }
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        write(problems.of(problem, request), request, response);
    }

    /** A problem as one line of JSON, for an answer that has begun (an event stream). */
    String problemJson(Problem problem, HttpServletRequest request) {
        return Problems.json(problems.of(problem, request));
    }

    /** Answers an error that came without a body (a status only) with its problem. */
    void refuse(int status, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(problems.ofStatus(status, null, request), request, response);
    }

    private void write(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        // Spring MVC, which names the path in the metrics, never saw this request: name it here
        String path = request.getRequestURI();
        if (endpoints.paths().contains(path)) {
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(observation -> observation.setPathPattern(path));
        }
        response.resetBuffer();
        response.setHeader(HttpHeaders.CONNECTION, "close");
        Problems.write(problem, response);
    }
}
