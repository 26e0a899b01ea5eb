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
 * Answers 413 for a body larger than {@code gradient.limits.max-body-size} before it is parsed: at
 * once when {@code Content-Length} says so, and otherwise (a chunked body) as soon as the bytes read
 * pass the limit. Tomcat's own size settings do not cover JSON bodies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final DataSize limit;
    private final JsonMapper json;
    private final Problems problems;

    BodySizeLimitFilter(Limits limits, JsonMapper json, Problems problems) {
        this.limit = limits.maxBodySize();
        this.json = json;
        this.problems = problems;
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
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /** A request whose body stream fails with {@link BodyTooLargeException.LimitReached} past the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final DataSize limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, DataSize limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
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
        private long count;

        CountingStream(ServletInputStream in, DataSize limit) {
            this.in = in;
            this.limit = limit;
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

        private void counted(int n) throws BodyTooLargeException.LimitReached {
            count += n;
            if (count > limit.toBytes()) {
                throw new BodyTooLargeException.LimitReached(limit);
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
}
