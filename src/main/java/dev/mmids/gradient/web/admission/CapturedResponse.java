package dev.mmids.gradient.web.admission;

import dev.mmids.gradient.web.problem.Problem;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The response of a computation, held in memory until it is complete: its status and headers go to the
 * real response, which stays uncommitted, and its body into a {@link BodyBuffer}, so that the computation
 * slot can be given back before a client reads the answer, and an answer is never half-sent because its
 * computation failed. An error status sent without a body is kept for {@link RequestBodyFilter} to answer
 * with a problem.
 */
final class CapturedResponse extends HttpServletResponseWrapper {

    /** Most answers are a few hundred bytes: the first chunk is small, the next ones double. */
    private static final int FIRST_CHUNK = 2048;

    private final BodyBuffer body = new BodyBuffer();
    private ServletOutputStream stream;
    private PrintWriter writer;
    private int errorStatus;
    private boolean streamed;
    private long firstWrite;

    CapturedResponse(HttpServletResponse response) {
        super(response);
    }

    /** The body written so far, once any writer is flushed. */
    BodyBuffer body() {
        if (writer != null) {
            writer.flush();
        }
        return body;
    }

    /**
     * Lets the rest of the answer go to the client as it is written, as Server-Sent Events: the status and
     * headers are sent at once, and what is written afterwards is not held.
     *
     * @param problemJson a problem as one line of JSON, for the problems that arise once the stream has begun
     */
    EventStream streamEvents(Function<Problem, String> problemJson) throws IOException {
        setStatus(HttpServletResponse.SC_OK);
        setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        setCharacterEncoding(StandardCharsets.UTF_8.name());
        setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        setHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold the events back
        streamed = true;
        getResponse().flushBuffer();
        return new EventStream(getResponse().getOutputStream(), problemJson);
    }

    /** When the first byte of the body was written ({@link System#nanoTime}): the answer's writing began. */
    long firstWrite() {
        return firstWrite;
    }

    /** Whether the answer went to the client as it was written. */
    boolean streamed() {
        return streamed;
    }

    /** The status of an error sent with {@link #sendError}, or 0. */
    int errorStatus() {
        return errorStatus;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has been called on this response");
        }
        return stream();
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has been called on this response");
            }
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            writer = new PrintWriter(new OutputStreamWriter(stream(), charset));
        }
        return writer;
    }

    private ServletOutputStream stream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    if (firstWrite == 0) {
                        firstWrite = System.nanoTime();
                    }
                    while (length > 0) {
                        if (body.full()) {
                            body.grow(body.nextChunk(FIRST_CHUNK));
                        }
                        int taken = body.append(bytes, offset, length);
                        offset += taken;
                        length -= taken;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("an answer is written whole, not asynchronously");
                }
            };
        }
        return stream;
    }

    @Override
    public void flushBuffer() {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void resetBuffer() {
        body.clear();
    }

    @Override
    public void reset() {
        super.reset();
        body.clear();
        errorStatus = 0;
    }

    @Override
    public void setBufferSize(int size) {}

    @Override
    public void setContentLength(int length) {}

    @Override
    public void setContentLengthLong(long length) {}

    @Override
    public void setHeader(String name, String value) {
        if (!HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void sendError(int status) {
        sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) {
        resetBuffer();
        setStatus(status);
        errorStatus = status;
    }

    @Override
    public void sendRedirect(String location) {
        resetBuffer();
        setStatus(HttpServletResponse.SC_FOUND);
        setHeader(HttpHeaders.LOCATION, location);
    }
}
