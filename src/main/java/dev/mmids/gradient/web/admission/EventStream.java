package dev.mmids.gradient.web.admission;

import dev.mmids.gradient.web.problem.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * An answer written as Server-Sent Events while it is computed ({@link Admitted#streamEvents}): named events
 * whose data is one line of JSON, problems as {@code problem} events, and a comment when the stream has
 * been silent for a second, so that a client that has gone is noticed. A write that fails, because the
 * client has gone, throws {@link UncheckedIOException}, which ends the computation.
 */
public final class EventStream {

    /** The longest the stream stays silent while the computation runs. */
    private static final long HEARTBEAT_NANOS = 1_000_000_000L;

    private final OutputStream out;
    private final Function<Problem, String> problemJson;
    private long lastWrite = System.nanoTime();

    EventStream(OutputStream out, Function<Problem, String> problemJson) {
        this.out = out;
        this.problemJson = problemJson;
    }

    /** An event whose data is one line of JSON. */
    public void send(String event, String json) {
        write("event: " + event + "\ndata: " + json + "\n\n");
    }

    /** A problem that arose once the stream had begun, as the event {@code problem}; the stream ends after it. */
    public void problem(Problem problem) {
        send("problem", problemJson.apply(problem));
    }

    /** Writes a comment if nothing was written for a second; called as the computation goes. */
    public void heartbeat() {
        if (System.nanoTime() - lastWrite > HEARTBEAT_NANOS) {
            write(":\n\n");
        }
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            lastWrite = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
