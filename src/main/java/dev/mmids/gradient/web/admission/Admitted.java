package dev.mmids.gradient.web.admission;

import dev.mmids.gradient.backprop.compute.Deadline;
import dev.mmids.gradient.web.problem.NotAcceptableProblem;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;

/**
 * A request admitted to compute: its body, read whole, the memory it holds and its computation slot
 * ({@link Admission.Reservation}), and the deadline of everything it does from parsing on. {@link
 * RequestBodyFilter} attaches one to each request with a body ({@link #attachTo}); the request reader
 * parses the body from it, and the controllers take it as a parameter and reserve their computation's
 * memory through it before computing.
 */
public final class Admitted {

    private static final String ATTRIBUTE = Admitted.class.getName();

    private final BodyBuffer body;
    private final Admission.Reservation reservation;
    private final Deadline deadline;
    private final String accept;
    private final Stream stream;
    private long parsedAt;

    /** Opens the client's connection for an answer written as it is computed. */
    @FunctionalInterface
    interface Stream {
        EventStream open() throws IOException;
    }

    /**
     * @param accept the request's Accept header, or null
     * @param stream opens the answer to the client, for {@link #streamEvents}
     */
    Admitted(BodyBuffer body, Admission.Reservation reservation, Deadline deadline, String accept, Stream stream) {
        this.body = body;
        this.reservation = reservation;
        this.deadline = deadline;
        this.accept = accept;
        this.stream = stream;
    }

    /** The request's admission, which {@link RequestBodyFilter} attached, if it has a body. */
    public static Optional<Admitted> of(RequestAttributes request) {
        return Optional.ofNullable((Admitted) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }

    void attachTo(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** When the body was parsed ({@link System#nanoTime}), or 0 if it has not been. */
    long parsedAt() {
        return parsedAt;
    }

    /** The body, to be parsed once. */
    public BodyBuffer body() {
        return body;
    }

    public InputStream bodyStream() {
        return body.stream();
    }

    public Deadline deadline() {
        return deadline;
    }

    /** Reserves memory the parse is about to allocate. */
    public void parsing(long bytes) {
        reservation.grow(bytes, Admission.Need.BODY, true);
    }

    /**
     * The body is parsed into a request that holds {@code kept} bytes: lets go of the body's bytes, and holds
     * the request twice, for the copies of its numbers the model is built from (a batch's rows into one
     * matrix, flat parameters into each layer's).
     */
    public void parsed(long kept) {
        parsedAt = System.nanoTime();
        body.clear();
        long held = Footprint.times(2, kept);
        if (reservation.held() > held) {
            reservation.shrinkTo(held);
        } else {
            reservation.grow(held - reservation.held(), Admission.Need.BODY, true);
        }
    }

    /**
     * Reserves what the computation will allocate and its answer hold, {@code bytes} in all, before it
     * starts: a 422 when that alone is more than the whole memory budget, a 503 when there is no room now.
     * A request whose answer its client does not accept is answered 406 here, once it is known to be
     * valid: a client that accepts only problems gets the problem its request deserves, and no computation
     * runs for an answer nobody takes.
     */
    public void compute(long bytes) {
        if (!AcceptedAnswers.takeJsonOrCbor(accept)) {
            throw new NotAcceptableProblem(accept);
        }
        reservation.grow(bytes, Admission.Need.COMPUTATION, true);
    }

    /**
     * Reserves what a streamed computation will hold, {@code bytes} in all, as {@link #compute} does, for a
     * client that asked for the stream.
     */
    public void computeStreamed(long bytes) {
        reservation.grow(bytes, Admission.Need.COMPUTATION, true);
    }

    /**
     * Sends the status (200) and the headers of an event stream, and returns the stream that writes the rest
     * of the answer to the client as it is computed (Server-Sent Events). The computation keeps its slot and
     * its memory until it returns; a client that reads too slowly holds the thread for up to the connector's
     * timeout, and a client that has gone makes the next write fail, which ends the computation.
     */
    public EventStream streamEvents() throws IOException {
        return stream.open();
    }
}
