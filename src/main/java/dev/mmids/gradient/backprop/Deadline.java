package dev.mmids.gradient.backprop;

import java.time.Duration;

/**
 * The time by which a computation must end. The chain checks it between layers, so a request that
 * takes too long stops within one layer's work instead of holding its thread to the end.
 */
public final class Deadline {

    /** No deadline. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO);

    private final long end;
    private final Duration allowed;

    private Deadline(long end, Duration allowed) {
        this.end = end;
        this.allowed = allowed;
    }

    /** A deadline {@code allowed} from now. */
    public static Deadline after(Duration allowed) {
        return new Deadline(System.nanoTime() + allowed.toNanos(), allowed);
    }

    /** Throws {@link DeadlineExceededException} once the deadline has passed. */
    void check() {
        if (end != Long.MAX_VALUE && System.nanoTime() - end > 0) {
            throw new DeadlineExceededException(allowed);
        }
    }
}
