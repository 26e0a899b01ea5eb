package dev.mmids.gradient.web;

import dev.mmids.gradient.backprop.Chain;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Admission control: a bound on the computations running at once and on the memory requests in
 * progress hold. Memory is counted in kilobytes of a semaphore, reserved before the work it stands
 * for (the body before it is parsed, the computation before it runs) and given back after the
 * answer; a request that finds no room within the queue timeout is refused with a 503.
 */
@Component
class Admission {

    private static final long UNIT = 1024;

    private final AdmissionSettings settings;
    private final Semaphore computations;
    private final Semaphore memory;

    Admission(AdmissionSettings settings) {
        this.settings = settings;
        // Slots are taken one at a time, so a newcomer may take a free one before the longest waiter is
        // woken: fair hand-offs cost a context switch each and a third of the throughput of small
        // requests at 64 connections. Memory is taken in amounts of every size, and stays fair so that a
        // large request is not passed over by small ones until it times out.
        this.computations = new Semaphore(settings.computations(), false);
        this.memory = new Semaphore((int) Math.min(Integer.MAX_VALUE, settings.memoryBytes() / UNIT), true);
    }

    /** Reserved memory, given back once: try-with-resources. */
    final class Reservation implements AutoCloseable {
        private int units;
        private boolean slot;
        private Runnable onParsed = () -> {};

        /** What to let go of once the request's body is parsed: the body's bytes. */
        void onParsed(Runnable release) {
            onParsed = release;
        }

        /** The body is parsed: lets go of it. */
        void parsed() {
            onParsed.run();
            onParsed = () -> {};
        }

        /** Reserves {@code bytes} more, or throws {@link OverloadedException}. */
        void grow(long bytes) {
            growUnits((int) Math.min(Integer.MAX_VALUE, (bytes + UNIT - 1) / UNIT));
        }

        /**
         * Holds {@code bytes} from now on: gives back what is no longer needed (the parser's buffers,
         * once the body is read) before reserving what is newly needed.
         */
        void resize(long bytes) {
            int target = (int) Math.min(Integer.MAX_VALUE, (bytes + UNIT - 1) / UNIT);
            if (target < units) {
                memory.release(units - target);
                units = target;
            } else {
                growUnits(target - units);
            }
        }

        private void growUnits(int more) {
            if ((long) units + more > totalUnits()) {
                throw new OverloadedException("the request needs about " + ((long) units + more) / 1024
                        + " MiB, more than this server's whole memory budget of " + totalUnits() / 1024
                        + " MiB; send a smaller request");
            }
            if (!acquire(memory, more)) {
                throw new OverloadedException("the server holds as much work as its memory budget allows; retry in "
                        + settings.retryAfter() + " s");
            }
            units += more;
        }

        /** Takes a computation slot (once), or throws {@link OverloadedException}. */
        void computation() {
            if (slot) {
                return;
            }
            if (!acquire(computations, 1)) {
                throw new OverloadedException("the server runs " + settings.computations()
                        + " computations at once, all busy; retry in " + settings.retryAfter() + " s");
            }
            slot = true;
        }

        @Override
        public void close() {
            if (units > 0) {
                memory.release(units);
                units = 0;
            }
            if (slot) {
                computations.release();
                slot = false;
            }
        }
    }

    Reservation reservation() {
        return new Reservation();
    }

    /**
     * Admits a computation of the request, once its body is parsed: the memory it now holds (the
     * request's numbers, in place of its body and the parser's buffers) and will hold while computing,
     * and a computation slot (which {@link RequestBodyFilter} took before parsing). The reservation is
     * the one the filter made for the request, and gives both back after the answer.
     */
    void admit(HttpServletRequest request, Chain chain, int samples, long extraNumbers) {
        if (!(request.getAttribute(RequestBodyFilter.RESERVATION) instanceof Reservation reservation)) {
            throw new IllegalStateException("no admission reservation: RequestBodyFilter did not run");
        }
        reservation.parsed();
        long requestNumbers = chain.parameterCount() + (long) samples * (chain.inputSize() + chain.outputSize());
        reservation.resize(8 * requestNumbers + computationBytes(chain, samples, extraNumbers));
        reservation.computation();
    }

    int retryAfter() {
        return settings.retryAfter();
    }

    private int totalUnits() {
        return (int) Math.min(Integer.MAX_VALUE, settings.memoryBytes() / UNIT);
    }

    private boolean acquire(Semaphore semaphore, int permits) {
        try {
            return semaphore.tryAcquire(permits, settings.queueTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The memory a computation holds beyond its parsed request, in bytes: every layer's output for
     * every sample (kept for the backward pass), two upstream gradients at a time, the inputs and labels
     * as matrices, the gradient, and {@code extra} numbers (a trace's or a Jacobian's entries, a
     * gradient check's copies of w).
     */
    static long computationBytes(Chain chain, int samples, long extra) {
        long widths = chain.inputSize();
        long widest = chain.inputSize();
        for (int i = 1; i <= chain.depth(); i++) {
            widths += chain.layer(i).outputSize();
            widest = Math.max(widest, chain.layer(i).outputSize());
        }
        long numbers = samples * (widths + 2 * widest + chain.outputSize()) + 2L * chain.parameterCount() + extra;
        return 8 * numbers;
    }
}
