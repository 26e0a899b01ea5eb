package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Deadline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds a request's body, reads it, and admits the request to the CPU before it is parsed.
 *
 * <p>A body larger than {@code gradient.limits.max-body-size} gets 413: at once when
 * {@code Content-Length} says so, otherwise (a chunked body) as soon as the bytes read pass the limit;
 * Tomcat's own size settings do not cover JSON bodies. Holding and parsing a body takes about
 * {@link #PARSE_FACTOR} times its size (its bytes, then the numbers as doubles and Jackson's buffers):
 * that much is reserved from the admission control's memory budget, up front or as a chunked body
 * arrives, and the request is refused with 503 when it does not fit.
 *
 * <p>The body is read whole before the request takes a computation slot, and the slot is held from
 * parsing to the end of the answer: parsing is most of a large request's work, so a request that
 * waits for a slot waits before it has cost any, and a client that sends its body slowly holds no
 * slot while it does. The reservation stays with the request, for the controller to trade the body
 * for its computation once parsed, and is given back after the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyFilter extends OncePerRequestFilter {

    /** A request attribute holding the request's {@link Admission.Reservation}. */
    static final String RESERVATION = RequestBodyFilter.class.getName() + ".reservation";

    static final int PARSE_FACTOR = 2;

    /** A chunked body's memory is reserved this much at a time. */
    private static final int CHUNK = 1 << 20;

    private final DataSize limit;
    private final Duration computeDeadline;
    private final JsonMapper json;
    private final Problems problems;
    private final Admission admission;

    RequestBodyFilter(Limits limits, JsonMapper json, Problems problems, Admission admission) {
        this.limit = limits.maxBodySize();
        this.computeDeadline = limits.computeDeadline();
        this.json = json;
        this.problems = problems;
        this.admission = admission;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit.toBytes()) {
            refuse(new BodyTooLargeException(limit, declared), request, response);
            return;
        }
        boolean chunked = declared < 0 && "chunked".equalsIgnoreCase(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
        try (Admission.Reservation reservation = admission.reservation()) {
            HttpServletRequest admitted = request;
            try {
                if (declared > 0 || chunked) {
                    reservation.grow(PARSE_FACTOR * Math.max(declared, 0));
                    Body body = new Body(read(request.getInputStream(), declared, chunked ? reservation : null));
                    reservation.onParsed(body::release);
                    reservation.computation();
                    admitted = new BufferedRequest(request, body);
                }
            } catch (RequestProblemException refused) {
                refuse(refused, request, response);
                return;
            }
            request.setAttribute(RESERVATION, reservation);
            // the computation's deadline, from parsing on
            try (Deadline.Scope scope = Deadline.after(computeDeadline).enter()) {
                chain.doFilter(admitted, response);
            }
        }
    }

    /**
     * The body, whole: {@code declared} bytes, or a chunked body up to the limit, reserving its memory
     * as it arrives.
     */
    private byte[] read(InputStream in, long declared, Admission.Reservation chunked) {
        try {
            if (declared > 0) {
                byte[] bytes = in.readNBytes((int) declared);
                if (bytes.length < declared) {
                    throw new MalformedJsonException(
                            "the request body ended after " + bytes.length + " of its " + declared + " declared bytes");
                }
                return bytes;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long reserved = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > limit.toBytes()) {
                    throw new BodyTooLargeException(limit, -1);
                }
                if (bytes.size() > reserved) {
                    // the growing buffer and its final copy hold the body a second time while it arrives
                    chunked.grow((PARSE_FACTOR + 1) * (long) CHUNK);
                    reserved += CHUNK;
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new MalformedJsonException("the request body could not be read in full");
        }
    }

    /** Answers with the problem and closes the connection: the rest of the body, if any, is not read. */
    private void refuse(RequestProblemException problem, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (problem instanceof OverloadedException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(admission.retryAfter()));
        }
        response.setHeader(HttpHeaders.CONNECTION, "close");
        Problems.write(problems.of(problem.kind(), problem.getMessage(), List.of(), request), response, json);
    }

    /** A body read whole, let go of once parsed. */
    private static final class Body {

        private byte[] bytes;

        Body(byte[] bytes) {
            this.bytes = bytes;
        }

        byte[] bytes() {
            return bytes == null ? new byte[0] : bytes;
        }

        void release() {
            bytes = null;
        }
    }

    /** The request with its body served from memory. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final Body body;
        private ServletInputStream stream;

        BufferedRequest(HttpServletRequest request, Body body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                stream = new BodyStream(new ByteArrayInputStream(body.bytes()));
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(), encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    private static final class BodyStream extends ServletInputStream {

        private final ByteArrayInputStream in;

        BodyStream(ByteArrayInputStream in) {
            this.in = in;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body has been read already; it is not read asynchronously");
        }
    }
}
