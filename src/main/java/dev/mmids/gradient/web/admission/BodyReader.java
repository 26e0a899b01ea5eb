package dev.mmids.gradient.web.admission;

import dev.mmids.gradient.web.model.Limits;
import dev.mmids.gradient.web.problem.MalformedJsonProblem;
import dev.mmids.gradient.web.problem.PayloadTooLargeProblem;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request's body into a {@link BodyBuffer}, chunk by chunk, each chunk's memory reserved before it
 * is read: refused with 413 past the body limit, however the body is framed, and with 408 when it falls
 * behind the transfer clock. {@link Exchange} decides when to read (at once, blocking, or as Tomcat says
 * that bytes have arrived).
 */
final class BodyReader {

    /** The first chunk of a body that declares no length. */
    private static final int FIRST_CHUNK = 8192;

    private final BodyBuffer body;
    private final Admission.Reservation reservation;
    private final TransferClock clock;
    private final Limits limits;
    private final long declared;

    /** @param declared the body's Content-Length, or -1 */
    BodyReader(BodyBuffer body, Admission.Reservation reservation, TransferClock clock, Limits limits, long declared) {
        this.body = body;
        this.reservation = reservation;
        this.clock = clock;
        this.limits = limits;
        this.declared = declared;
    }

    /** Whether a body of declared length has arrived whole. */
    boolean whole() {
        return declared >= 0 && body.size() >= declared;
    }

    /** Reads what has arrived, without waiting for more: a small request's whole body, with its headers. */
    void readArrived(InputStream in) throws IOException {
        while (declared > 0 && !whole() && in.available() > 0 && readSome(in) > 0) {
            // while bytes are there without waiting
        }
    }

    /** Reads to the end of the body with blocking calls (outside Tomcat: MockMvc). */
    void readAll(InputStream in) throws IOException {
        while (readSome(in) >= 0) {
            // until the end of the body
        }
    }

    /** Reads what the stream has into the body, reserving a chunk's memory before each chunk; -1 at the end. */
    int readSome(InputStream in) throws IOException {
        if (whole()) {
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
                throw new PayloadTooLargeProblem(limits.maxBodySize(), declared);
            }
            if (clock.behind(body.size())) {
                throw clock.tooSlow(body.size());
            }
        }
        return n;
    }

    /** The body has ended: it must be as long as it said. */
    void complete() {
        if (declared >= 0 && body.size() != declared) {
            throw new MalformedJsonProblem(
                    "the request body ended after " + body.size() + " of its " + declared + " declared bytes");
        }
    }
}
