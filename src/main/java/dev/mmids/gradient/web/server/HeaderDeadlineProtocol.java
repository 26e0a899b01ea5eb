package dev.mmids.gradient.web.server;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 connector with a deadline on a request's line and headers. Tomcat's own timeouts
 * count from the last byte read, so a client that sends a header byte every few seconds keeps its
 * connection for as long as it likes (hours, with 8 KB of headers); here a request whose line and headers
 * have not arrived {@link #setHeaderTimeoutMillis headerTimeoutMillis} after their first byte is closed at
 * its next read (or when Tomcat's own idle timeout closes it first). Public because Tomcat creates it by
 * its class name.
 */
public class HeaderDeadlineProtocol extends Http11NioProtocol {

    private volatile long headerTimeoutNanos = TimeUnit.SECONDS.toNanos(10);

    /** Set by {@link TomcatConfiguration} through the connector's properties. */
    public void setHeaderTimeoutMillis(long millis) {
        headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    public long getHeaderTimeoutMillis() {
        return TimeUnit.NANOSECONDS.toMillis(headerTimeoutNanos);
    }

    @Override
    protected Processor createProcessor() {
        return new Http11Processor(this, getAdapter()) {
            @Override
            public SocketState service(SocketWrapperBase<?> socket) throws IOException {
                // the start is the first byte of the request line: -1 until then, and again once it is served
                long start = request.getStartTimeNanos();
                if (start != -1 && !isAsync() && !isUpgrade() && System.nanoTime() - start > headerTimeoutNanos) {
                    return SocketState.CLOSED;
                }
                return super.service(socket);
            }
        };
    }
}
