package dev.mmids.gradient.web.admission;

import dev.mmids.gradient.web.problem.LimitExceededProblem;
import dev.mmids.gradient.web.problem.OverloadedProblem;
import dev.mmids.gradient.web.problem.PayloadTooLargeProblem;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Admission control: a bound on the computations running at once and on the memory requests in
 * progress hold. Memory is counted in kibibytes of a semaphore and reserved before the allocation it
 * stands for (see {@link Footprint}); a request gives back all it holds when it ends. A request that
 * finds no room now is refused with a 503 and {@code Retry-After}; a request that could never fit, because
 * it alone needs more than the whole budget, is refused with a 413 or a 422 that says so, so that a client
 * does not retry it forever.
 */
@Component
public class Admission {

    private static final long UNIT = 1024;

    private final AdmissionSettings settings;
    private final Semaphore computations;
    private final Semaphore memory;
    private final long budgetUnits;

    Admission(AdmissionSettings settings) {
        this.settings = settings;
        // Slots are taken one at a time, so a newcomer may take a free one before the longest waiter is
        // woken: fair hand-offs cost a context switch each and a third of the throughput of small
        // requests at 64 connections. Memory is taken in amounts of every size: what is free is taken at
        // once, and the waiters for what is not are served in order, so that a large request is not passed
        // over by small ones until it times out.
        this.computations = new Semaphore(settings.computations(), false);
        this.budgetUnits = Math.min(Integer.MAX_VALUE, settings.memoryBytes() / UNIT);
        this.memory = new Semaphore((int) budgetUnits, true);
    }

    /** What a request needs memory for: what it is told when it could never have that much. */
    public enum Need {
        /** Its body, while it arrives and is parsed: a 413. */
        BODY,
        /** Its computation and its answer: a 422 {@code limit-exceeded}. */
        COMPUTATION
    }

    /** What one request holds: memory and a computation slot, given back once, by {@link #close()}. */
    public final class Reservation implements AutoCloseable {
        private long units;
        private boolean slot;

        /** The memory held, in bytes (a multiple of a kibibyte). */
        public long held() {
            return units * UNIT;
        }

        /**
         * Reserves {@code bytes} more for {@code need}, waiting up to the queue timeout for room when
         * {@code wait}; throws {@link OverloadedProblem} when there is none, or the problem of {@code need}
         * when the request would then hold more than the whole budget.
         */
        public void grow(long bytes, Need need, boolean wait) {
            long more = (bytes + UNIT - 1) / UNIT;
            if (more <= 0) {
                return;
            }
            if (more > budgetUnits - units) {
                long needed = Footprint.plus(held(), bytes);
                throw need == Need.BODY
                        ? PayloadTooLargeProblem.forMemory(needed, budgetUnits * UNIT)
                        : LimitExceededProblem.forMemory(needed, budgetUnits * UNIT);
            }
            if (!acquire(memory, (int) more, wait)) {
                throw new OverloadedProblem(
                        "the server holds as much work as its memory budget allows; retry in " + settings.retryAfter()
                                + " s",
                        settings.retryAfter());
            }
            units += more;
        }

        /** Gives back what is held beyond {@code bytes}. */
        public void shrinkTo(long bytes) {
            long target = (Math.max(0, bytes) + UNIT - 1) / UNIT;
            if (target < units) {
                memory.release((int) (units - target));
                units = target;
            }
        }

        /** Takes a computation slot (once), waiting up to the queue timeout, or throws {@link OverloadedProblem}. */
        public void computation() {
            if (slot) {
                return;
            }
            if (!acquire(computations, 1, true)) {
                throw new OverloadedProblem(
                        "the server runs " + settings.computations() + " computations at once, all busy; retry in "
                                + settings.retryAfter() + " s",
                        settings.retryAfter());
            }
            slot = true;
        }

        /** Gives the computation slot back; the memory stays held. */
        void computed() {
            if (slot) {
                computations.release();
                slot = false;
            }
        }

        @Override
        public void close() {
            shrinkTo(0);
            computed();
        }
    }

    public Reservation reservation() {
        return new Reservation();
    }

    /** The whole memory budget, in bytes. */
    long budget() {
        return budgetUnits * UNIT;
    }

    private boolean acquire(Semaphore semaphore, int permits, boolean wait) {
        try {
            return semaphore.tryAcquire(permits, wait ? settings.queueTimeout().toNanos() : 0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
