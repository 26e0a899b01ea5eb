package dev.mmids.gradient.web.admission;

import dev.mmids.gradient.backprop.compute.Deadline;
import dev.mmids.gradient.web.model.Limits;
import dev.mmids.gradient.web.problem.Problem;
import jakarta.servlet.AsyncContext;
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
import java.util.Optional;
import org.apache.catalina.connector.CoyoteInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * One request with a body, from its first byte to its answer's last, as {@link RequestBodyFilter}
 * describes it: the body read into reserved memory, the computation within a slot and the deadline, the
 * answer held and then written. Every refusal on the way is answered by {@link RequestBodyFilter#refuse}.
 * Its methods hold the exchange's lock wherever Tomcat's listeners and the transfer clock may meet.
 */
final class Exchange {

    /**
     * An answer this small is written at once: the socket's send buffer takes it whole, so that the write
     * cannot wait on the client; a larger one is written without a thread, as the client reads it.
     */
    private static final int SMALL_ANSWER = 16 * 1024;

    /** Where the exchange waits for the ASYNC dispatch that resumes it once its body has arrived. */
    private static final String ATTRIBUTE = Exchange.class.getName();

    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    private final RequestBodyFilter filter;
    private final Limits limits;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final boolean nonBlocking;
    private final BodyBuffer body = new BodyBuffer();
    private final Admission.Reservation reservation;
    private final TransferClock clock;
    private final BodyReader reader;
    private AsyncContext async;
    private boolean done;

    Exchange(RequestBodyFilter filter, HttpServletRequest request, HttpServletResponse response) throws IOException {
        this.filter = filter;
        this.limits = filter.limits();
        this.request = request;
        this.response = response;
        this.reservation = filter.admission().reservation();
        this.clock = new TransferClock(filter.settings(), filter.timer(), this);
        this.reader = new BodyReader(body, reservation, clock, limits, request.getContentLengthLong());
        // Tomcat reads and writes without holding a thread; a mock request (MockMvc) only blocking.
        this.nonBlocking = request.getInputStream() instanceof CoyoteInputStream;
    }

    void start(FilterChain chain) throws IOException {
        try {
            clock.start();
            if (nonBlocking) {
                reader.readArrived(request.getInputStream());
                if (!reader.whole()) {
                    readWithoutThread();
                    return;
                }
            } else {
                reader.readAll(request.getInputStream());
            }
            reader.complete();
        } catch (Problem refused) {
            refuseAndComplete(refused);
            return;
        }
        serve(chain);
    }

    // ---- the body

    /** The exchange an ASYNC dispatch resumes, taken once. */
    static Optional<Exchange> resumed(HttpServletRequest request) {
        Object exchange = request.getAttribute(ATTRIBUTE);
        request.removeAttribute(ATTRIBUTE);
        return Optional.ofNullable((Exchange) exchange);
    }

    private void readWithoutThread() throws IOException {
        startAsync();
        ServletInputStream in = request.getInputStream();
        clock.watch(body::size, () -> refuseAndComplete(clock.tooSlow(body.size())));
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() {
                synchronized (Exchange.this) {
                    try {
                        while (!done && in.isReady() && reader.readSome(in) >= 0) {
                            // while bytes are there without waiting
                        }
                    } catch (Problem refused) {
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
                        reader.complete();
                    } catch (Problem refused) {
                        refuseAndComplete(refused);
                        return;
                    }
                    clock.stop();
                    request.setAttribute(ATTRIBUTE, Exchange.this);
                    async.dispatch();
                }
            }

            @Override
            public void onError(Throwable t) {
                abort();
            }
        });
    }

    // ---- the computation

    /** Computes the answer into memory within a slot and the deadline, then writes it. */
    void serve(FilterChain chain) throws IOException {
        CapturedResponse answer = new CapturedResponse(response);
        try {
            reservation.computation();
            long started = System.nanoTime();
            Deadline deadline = Deadline.after(limits.computeDeadline());
            Admitted admitted = new Admitted(
                    body,
                    reservation,
                    deadline,
                    request.getHeader(HttpHeaders.ACCEPT),
                    () -> answer.streamEvents(problem -> filter.problemJson(problem, request)));
            admitted.attachTo(request);
            try (Deadline.Scope scope = deadline.enter()) {
                chain.doFilter(new BufferedRequest(request, body), answer);
            }
            if (answer.getStatus() / 100 == 2) {
                ServerTiming.of(started, admitted.parsedAt(), answer.firstWrite(), System.nanoTime())
                        .ifPresent(timing -> response.setHeader(ServerTiming.HEADER, timing));
            }
            if (answer.streamed()) {
                completeRefused(); // written as it was computed: the request is over
                return;
            }
            if (answer.errorStatus() != 0 && answer.body().size() == 0) {
                answer.reset();
                refuseAndComplete(answer.errorStatus());
                return;
            }
        } catch (Problem refused) {
            refuseAndComplete(refused);
            return;
        } catch (ServletException | IOException | RuntimeException e) {
            if (answer.streamed()) {
                completeRefused(); // the client went, or the stream broke off: nothing more can be said
                return;
            }
            log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), e);
            refuseAndComplete(500);
            return;
        } finally {
            body.clear();
            reservation.computed();
        }
        BodyBuffer bytes = answer.body();
        reservation.shrinkTo(bytes.capacity());
        response.setContentLengthLong(bytes.size());
        if (nonBlocking && bytes.size() > SMALL_ANSWER) {
            writeWithoutThread(bytes);
        } else {
            try (reservation) {
                bytes.stream().transferTo(response.getOutputStream());
            }
        }
    }

    // ---- the answer

    private void writeWithoutThread(BodyBuffer bytes) throws IOException {
        clock.start();
        startAsync();
        ServletOutputStream out = response.getOutputStream();
        InputStream from = bytes.stream();
        long[] written = {0};
        byte[] buffer = new byte[(int) Math.min(16 * 1024, Math.max(1, bytes.size()))];
        // a client that reads too slowly is cut off: the answer cannot be taken back once it has begun
        clock.watch(() -> written[0], () -> {
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
        async = TransferClock.startAsync(request, response, this::abort);
    }

    /** The answer is written: the request is over. */
    private void complete() {
        done = true;
        clock.stop();
        reservation.close();
        async.complete();
    }

    /** The request ends without (more of) an answer: gives back all it holds. */
    private synchronized void abort() {
        done = true;
        clock.stop();
        body.clear();
        reservation.close();
    }

    private void refuseAndComplete(Problem problem) {
        try {
            filter.refuse(problem, request, response);
        } catch (IOException e) {
            // the client is gone
        }
        completeRefused();
    }

    /** Refuses with the problem of a status, an error that came without a body. */
    private void refuseAndComplete(int status) {
        try {
            filter.refuse(status, request, response);
        } catch (IOException e) {
            // the client is gone
        }
        completeRefused();
    }

    private void completeRefused() {
        abort();
        if (async != null && request.isAsyncStarted()) {
            async.complete();
        }
    }
}
