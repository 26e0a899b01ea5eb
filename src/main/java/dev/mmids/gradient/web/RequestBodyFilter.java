package dev.mmids.gradient.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds a request's body before it is parsed, and accounts for the memory parsing it takes.
 *
 * <p>A body larger than {@code gradient.limits.max-body-size} gets 413: at once when
 * {@code Content-Length} says so, otherwise (a chunked body) as soon as the bytes read pass the limit;
 * Tomcat's own size settings do not cover JSON bodies. Parsing a body holds about {@link #PARSE_FACTOR}
 * times its size (the numbers as doubles, and Jackson's buffers while it reads them): that much is
 * reserved from the admission control's memory budget, up front or as a chunked body arrives, and the
 * request is refused with 503 when it does not fit. The reservation stays with the request, for the
 * controller to add its computation, and is given back after the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyFilter extends OncePerRequestFilter {

    /** A request attribute holding the request's {@link Admission.Reservation}. */
    static final String RESERVATION = RequestBodyFilter.class.getName() + ".reservation";

    static final int PARSE_FACTOR = 2;

    /** A chunked body's memory is reserved this much at a time. */
    private static final long CHUNK = 1 << 20;

    private final DataSize limit;
    private final JsonMapper json;
    private final Problems problems;
    private final Admission admission;

    RequestBodyFilter(Limits limits, JsonMapper json, Problems problems, Admission admission) {
        this.limit = limits.maxBodySize();
        this.json = json;
        this.problems = problems;
        this.admission = admission;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit.toBytes()) {
            BodyTooLargeException tooLarge = new BodyTooLargeException(limit, declared);
            response.setHeader(HttpHeaders.CONNECTION, "close");
            Problems.write(problems.of(tooLarge.kind(), tooLarge.getMessage(), List.of(), request), response, json);
            return;
        }
        try (Admission.Reservation reservation = admission.reservation()) {
            if (declared > 0) {
                try {
                    reservation.grow(PARSE_FACTOR * declared);
                } catch (OverloadedException overloaded) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(admission.retryAfter()));
                    response.setHeader(HttpHeaders.CONNECTION, "close");
                    Problems.write(
                            problems.of(overloaded.kind(), overloaded.getMessage(), List.of(), request),
                            response,
                            json);
                    return;
                }
            }
            request.setAttribute(RESERVATION, reservation);
            chain.doFilter(new LimitedRequest(request, limit, declared > 0 ? null : reservation), response);
        }
    }

    /**
     * A request whose body stream fails with {@link BodyTooLargeException.LimitReached} past the limit,
     * and reserves memory for a chunked body as it arrives.
     */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final DataSize limit;
        private final Admission.Reservation chunked;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, DataSize limit, Admission.Reservation chunked) {
            super(request);
            this.limit = limit;
            this.chunked = chunked;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit, chunked);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(), encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final DataSize limit;
        private final Admission.Reservation chunked;
        private long count;
        private long reserved;

        CountingStream(ServletInputStream in, DataSize limit, Admission.Reservation chunked) {
            this.in = in;
            this.limit = limit;
            this.chunked = chunked;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws IOException {
            count += n;
            if (count > limit.toBytes()) {
                throw new BodyTooLargeException.LimitReached(limit);
            }
            if (chunked != null && count > reserved) {
                try {
                    chunked.grow(PARSE_FACTOR * CHUNK);
                } catch (OverloadedException overloaded) {
                    throw new Refused(overloaded);
                }
                reserved += CHUNK;
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    /** What the body stream throws when a chunked body finds no room: read by {@link JsonProblems}. */
    static final class Refused extends IOException {

        private final OverloadedException overloaded;

        Refused(OverloadedException overloaded) {
            super(overloaded.getMessage());
            this.overloaded = overloaded;
        }

        OverloadedException overloaded() {
            return overloaded;
        }
    }
}
