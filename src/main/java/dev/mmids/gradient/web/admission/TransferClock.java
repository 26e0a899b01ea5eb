package dev.mmids.gradient.web.admission;

import dev.mmids.gradient.web.problem.RequestTimeoutProblem;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The clock of one transfer, a body arriving or an answer leaving: it falls behind when it has moved fewer
 * bytes than the minimum transfer rate earns it beyond the transfer timeout ({@link
 * AdmissionSettings#transferDeadline}). Checked on every read, and by a timer when nothing arrives at all.
 */
final class TransferClock {

    /** Tomcat's own async timeout, a backstop behind the clock. */
    private static final long BACKSTOP_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final AdmissionSettings settings;
    private final ScheduledExecutorService timer;
    private final Object lock;
    private long start;
    private ScheduledFuture<?> check;
    private boolean watching;

    /** @param lock held while a timed check runs, the lock of the exchange the transfer belongs to */
    TransferClock(AdmissionSettings settings, ScheduledExecutorService timer, Object lock) {
        this.settings = settings;
        this.timer = timer;
        this.lock = lock;
    }

    /** A transfer starts now. */
    void start() {
        stop();
        start = System.nanoTime();
    }

    /** Whether the transfer is behind, having moved {@code bytes}. */
    boolean behind(long bytes) {
        return System.nanoTime() - settings.transferDeadline(start, bytes) > 0;
    }

    /**
     * Checks the transfer when it is due, and again each time it is due after, until {@link #stop()}; runs
     * {@code late} (holding the lock) once it has fallen behind.
     */
    void watch(LongSupplier moved, Runnable late) {
        long due = settings.transferDeadline(start, moved.getAsLong());
        watching = true;
        check = timer.schedule(
                () -> {
                    synchronized (lock) {
                        if (!watching) {
                            return;
                        }
                        if (behind(moved.getAsLong())) {
                            late.run();
                        } else {
                            watch(moved, late);
                        }
                    }
                },
                Math.max(1, due - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    void stop() {
        watching = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** The 408 of a body that fell behind with {@code received} bytes. */
    RequestTimeoutProblem tooSlow(long received) {
        return new RequestTimeoutProblem(
                received,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                "the server waits " + settings.transferTimeout().toSeconds() + " s plus a second for every "
                        + settings.minTransferRate().toBytes() + " bytes (gradient.admission.transfer-timeout and"
                        + " min-transfer-rate)");
    }

    /**
     * Starts the request's asynchronous cycle, in which a transfer runs without a thread; {@code end} runs
     * however the cycle ends: completed, timed out by Tomcat's backstop, or failed.
     */
    static AsyncContext startAsync(HttpServletRequest request, HttpServletResponse response, Runnable end) {
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(BACKSTOP_MILLIS);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                end.run();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                end.run();
                event.getAsyncContext().complete();
            }

            @Override
            public void onError(AsyncEvent event) {
                end.run();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {}
        });
        return async;
    }
}
