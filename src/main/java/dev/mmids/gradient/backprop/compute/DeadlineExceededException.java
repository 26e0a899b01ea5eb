package dev.mmids.gradient.backprop.compute;

import java.time.Duration;

/** A computation that passed its {@link Deadline}. */
public class DeadlineExceededException extends RuntimeException {

    private final Duration allowed;

    DeadlineExceededException(Duration allowed) {
        super("the computation took longer than the " + allowed.toMillis() + " ms it is allowed", null, false, false);
        this.allowed = allowed;
    }

    public Duration allowed() {
        return allowed;
    }
}
