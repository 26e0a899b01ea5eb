package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Deadline;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.catalina.connector.CoyoteInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The way of a request with a body through the server: its body is read whole, its computation admitted,
 * and its answer written, each bounded so that no client can hold more than it is given.
 *
 * <ol>
 *   <li><b>The body</b> is read as it arrives, without a thread while the client sends it (Tomcat's
 *       non-blocking reads), into memory reserved chunk by chunk for the bytes that have arrived, never
 *       for what a header promises. It is refused with 413 past {@code gradient.limits.max-body-size},
 *       counted on the bytes read however the body is framed, and with 408 when it falls behind the
 *       minimum transfer rate ({@link AdmissionSettings#transferDeadline}).
 *   <li><b>The computation</b>, once the body is whole: a computation slot, then the request's deadline
 *       ({@code gradient.limits.compute-deadline}), which covers parsing, computing and writing the answer
 *       into memory. The controllers reserve their memory through {@link Admitted}.
 *   <li><b>The answer</b> is held in memory ({@link CapturedResponse}); the slot and the computation's
 *       memory are given back, and the answer is written without a thread while the client reads it, cut
 *       off when the client reads too slowly. The request's memory is given back once it is written.
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

    /** The request attribute holding the request's {@link Admitted}, for {@link RequestReader} and the controllers. */
    static final String ADMITTED = RequestBodyFilter.class.getName() + ".admitted";

    private static final String EXCHANGE = RequestBodyFilter.class.getName() + ".exchange";

    /** The first chunk of a body that declares no length. */
    private static final int FIRST_CHUNK = 8192;

    /** Tomcat's own async timeout, a backstop behind the filter's deadlines, which a scheduler enforces. */
    private static final long BACKSTOP_MILLIS = TimeUnit.HOURS.toMillis(1);

    private static final Logger log = LoggerFactory.getLogger(RequestBodyFilter.class);

    private final Limits limits;
    private final AdmissionSettings settings;
    private final Admission admission;
    private final Problems problems;
    private final JsonMapper json;
    private final ScheduledExecutorService timer;
    private final Endpoints endpoints;

    RequestBodyFilter(
            Limits limits,
            AdmissionSettings settings,
            Admission admission,
            Problems problems,
            JsonMapper json,
            ScheduledExecutorService transferTimer,
            Endpoints endpoints) {
        this.limits = limits;
        this.settings = settings;
        this.admission = admission;
        this.problems = problems;
        this.json = json;
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
            if (request.getAttribute(EXCHANGE) instanceof Exchange exchange) {
                request.removeAttribute(EXCHANGE);
                exchange.serve(chain);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        new Exchange(request, response).start(chain);
    }

    /** A body comes with a Content-Length above 0 or any Transfer-Encoding (Tomcat refuses those it cannot read). */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** One request with a body, from its first byte to its answer's last. */
    private final class Exchange {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final long declared;
        private final boolean nonBlocking;
        private final BodyBuffer body = new BodyBuffer();
        private final Admission.Reservation reservation = admission.reservation();
        private AsyncContext async;
        private ScheduledFuture<?> timeout;
        private long transferStart;
        private boolean done;

        Exchange(HttpServletRequest request, HttpServletResponse response) throws IOException {
            this.request = request;
            this.response = response;
            this.declared = request.getContentLengthLong();
            // Tomcat reads and writes without holding a thread; a mock request (MockMvc) only blocking.
            this.nonBlocking = request.getInputStream() instanceof CoyoteInputStream;
        }

        void start(FilterChain chain) throws IOException, ServletException {
            try {
                refuseEarly();
                if (nonBlocking) {
                    readWithoutThread();
                    return;
                }
                readBlocking();
            } catch (RequestProblemException refused) {
                refuseAndComplete(refused);
                return;
            }
            serve(chain);
        }

        /** What the headers alone say: a body over the limit, or one in an encoding the service does not decode. */
        private void refuseEarly() {
            if (declared > limits.maxBodySize().toBytes()) {
                throw new BodyTooLargeException(limits.maxBodySize(), declared);
            }
            String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
            if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
                throw UnsupportedBodyEncodingException.contentCoding(encoding);
            }
        }

        // ---- the body

        private void readBlocking() throws IOException {
            transferStart = System.nanoTime();
            InputStream in = request.getInputStream();
            while (readSome(in) >= 0) {
                // until the end of the body
            }
            bodyComplete();
        }

        private void readWithoutThread() throws IOException {
            transferStart = System.nanoTime();
            startAsync();
            ServletInputStream in = request.getInputStream();
            scheduleTransferCheck(body::size, () -> refuseAndComplete(tooSlow()));
            in.setReadListener(new ReadListener() {
                @Override
                public void onDataAvailable() {
                    synchronized (Exchange.this) {
                        try {
                            while (!done && in.isReady() && readSome(in) >= 0) {
                                // while bytes are there without waiting
                            }
                        } catch (RequestProblemException refused) {
                            refuseAndComplete(refused);
                        } catch (IOException e) {
                            abort();
                        }
                    }
                }

                @Override
                public void onAllDataRead() {
                    synchronized (Exchange.this) {
                        if (done) {
                            return;
                        }
                        try {
                            bodyComplete();
                        } catch (RequestProblemException refused) {
                            refuseAndComplete(refused);
                            return;
                        }
                        cancelTimeout();
                        request.setAttribute(EXCHANGE, Exchange.this);
                        async.dispatch();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    abort();
                }
            });
        }

        /**
         * Reads what the stream has into the body, reserving a chunk's memory before each chunk; -1 at the
         * end of the body.
         */
        private int readSome(InputStream in) throws IOException {
            if (declared >= 0 && body.size() >= declared) {
                return -1; // Tomcat delivers no more than the declared length: no chunk for an end of stream
            }
            if (body.full()) {
                int chunk = body.nextChunk(declared > 0 ? declared : FIRST_CHUNK);
                reservation.grow(chunk, Admission.Need.BODY, false);
                body.grow(chunk);
            }
            int n = in.read(body.last(), body.lastOffset(), body.free());
            if (n > 0) {
                body.filled(n);
                if (body.size() > limits.maxBodySize().toBytes()) {
                    throw new BodyTooLargeException(limits.maxBodySize(), declared);
                }
                if (System.nanoTime() - settings.transferDeadline(transferStart, body.size()) > 0) {
                    throw tooSlow();
                }
            }
            return n;
        }

        private void bodyComplete() {
            if (declared >= 0 && body.size() != declared) {
                throw new MalformedJsonException(
                        "the request body ended after " + body.size() + " of its " + declared + " declared bytes");
            }
        }

        private RequestTimeoutException tooSlow() {
            return new RequestTimeoutException(
                    body.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - transferStart),
                    "the server waits " + settings.transferTimeout().toSeconds() + " s plus a second for every "
                            + settings.minTransferRate().toBytes() + " bytes (gradient.admission.transfer-timeout"
                            + " and min-transfer-rate)");
        }

        // ---- the computation

        /** Computes the answer into memory within a slot and the deadline, then writes it. */
        void serve(FilterChain chain) throws IOException {
            CapturedResponse answer = new CapturedResponse(response);
            try {
                reservation.computation();
                Deadline deadline = Deadline.after(limits.computeDeadline());
                request.setAttribute(
                        ADMITTED, new Admitted(body, reservation, deadline, request.getHeader(HttpHeaders.ACCEPT)));
                try (Deadline.Scope scope = deadline.enter()) {
                    chain.doFilter(new BufferedRequest(request, body), answer);
                }
                if (answer.errorStatus() != 0 && answer.body().size() == 0) {
                    answer.reset();
                    throw new StatusProblemException(answer.errorStatus());
                }
            } catch (RequestProblemException refused) {
                refuseAndComplete(refused);
                return;
            } catch (ServletException | IOException | RuntimeException e) {
                log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), e);
                refuseAndComplete(new StatusProblemException(500));
                return;
            } finally {
                body.clear();
                reservation.computed();
            }
            BodyBuffer bytes = answer.body();
            reservation.shrinkTo(bytes.capacity());
            response.setContentLengthLong(bytes.size());
            if (nonBlocking) {
                writeWithoutThread(bytes);
            } else {
                try (reservation) {
                    bytes.stream().transferTo(response.getOutputStream());
                }
            }
        }

        // ---- the answer

        private void writeWithoutThread(BodyBuffer bytes) throws IOException {
            transferStart = System.nanoTime();
            startAsync();
            ServletOutputStream out = response.getOutputStream();
            InputStream from = bytes.stream();
            long[] written = {0};
            byte[] buffer = new byte[(int) Math.min(16 * 1024, Math.max(1, bytes.size()))];
            // a client that reads too slowly is cut off: the answer cannot be taken back once it has begun
            scheduleTransferCheck(() -> written[0], () -> {
                abort();
                async.complete();
            });
            out.setWriteListener(new WriteListener() {
                @Override
                public void onWritePossible() throws IOException {
                    synchronized (Exchange.this) {
                        while (!done && out.isReady()) {
                            int n = from.read(buffer, 0, buffer.length);
                            if (n < 0) {
                                complete();
                                return;
                            }
                            out.write(buffer, 0, n);
                            written[0] += n;
                        }
                    }
                }

                @Override
                public void onError(Throwable t) {
                    abort();
                }
            });
        }

        // ---- the asynchronous cycle

        private void startAsync() {
            async = request.startAsync(request, response);
            async.setTimeout(BACKSTOP_MILLIS);
            async.addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    abort();
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    abort();
                    event.getAsyncContext().complete();
                }

                @Override
                public void onError(AsyncEvent event) {
                    abort();
                }

                @Override
                public void onStartAsync(AsyncEvent event) {}
            });
        }

        /**
         * Checks the transfer against its deadline when it is due, and again each time it is due after; runs
         * {@code late} once it has fallen behind.
         */
        private void scheduleTransferCheck(LongSupplier transferred, Runnable late) {
            long due = settings.transferDeadline(transferStart, transferred.getAsLong());
            timeout = timer.schedule(
                    () -> {
                        synchronized (Exchange.this) {
                            if (done) {
                                return;
                            }
                            long moved = transferred.getAsLong();
                            if (System.nanoTime() - settings.transferDeadline(transferStart, moved) > 0) {
                                late.run();
                            } else {
                                scheduleTransferCheck(transferred, late);
                            }
                        }
                    },
                    Math.max(1, due - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        }

        private void cancelTimeout() {
            if (timeout != null) {
                timeout.cancel(false);
                timeout = null;
            }
        }

        /** The answer is written: the request is over. */
        private void complete() {
            done = true;
            cancelTimeout();
            reservation.close();
            async.complete();
        }

        /** The request ends without (more of) an answer: gives back all it holds. */
        private synchronized void abort() {
            done = true;
            cancelTimeout();
            body.clear();
            reservation.close();
        }

        private void refuseAndComplete(RequestProblemException problem) {
            try {
                refuse(problem);
            } catch (IOException e) {
                // the client is gone
            }
            abort();
            if (async != null && request.isAsyncStarted()) {
                async.complete();
            }
        }

        /** Answers with the problem and closes the connection: the rest of the body, if any, is not read. */
        private void refuse(RequestProblemException problem) throws IOException {
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
            if (problem instanceof OverloadedException) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(admission.retryAfter()));
            }
            if (problem instanceof UnsupportedBodyEncodingException) {
                response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
            }
            response.setHeader(HttpHeaders.CONNECTION, "close");
            Problems.write(problems.of(problem, request), response, json);
        }
    }
}
