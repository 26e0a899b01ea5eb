package dev.mmids.gradient.backprop.compute;

import java.time.Duration;

/**
 * The time by which a computation must end. A caller runs the computation inside {@link #enter()}; the
 * engine checks the deadline of the computation running on its thread between layers, between the row
 * blocks of large matrix products and between the passes of a gradient check, so that a request that
 * takes too long stops within a fraction of a second of its deadline instead of holding its thread to
 * the end. Like a thread's interrupt flag, the deadline belongs to the thread that computes, and no
 * method of the engine takes it as an argument.
 */
public final class Deadline {

    /** No deadline. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO);

    private static final ThreadLocal<Deadline> CURRENT = ThreadLocal.withInitial(() -> NONE);

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

    /** The time this deadline allows in all. */
    public Duration allowed() {
        return allowed;
    }

    /** Makes this the deadline of the computations on this thread until the scope closes. */
    public Scope enter() {
        Deadline previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    /** Closes a deadline's scope, restoring the one before it. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Throws {@link DeadlineExceededException} once this deadline has passed. */
    public void check() {
        if (end != Long.MAX_VALUE && System.nanoTime() - end > 0) {
            throw new DeadlineExceededException(allowed);
        }
    }

    /** Checks the deadline of the computation running on this thread, if it has one. */
    public static void checkCurrent() {
        CURRENT.get().check();
    }
}
