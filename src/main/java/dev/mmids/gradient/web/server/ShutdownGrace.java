package dev.mmids.gradient.web.server;

import dev.mmids.gradient.web.model.Limits;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when a graceful shutdown would cut off a computation in flight: the time Spring gives
 * the requests in flight to finish must be longer than the longest a computation, or a run of {@code
 * /descent}, may run.
 */
@Component
class ShutdownGrace {

    ShutdownGrace(Limits limits, @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration grace) {
        requireLonger(grace, limits.computeDeadline(), "gradient.limits.compute-deadline", "computations");
        requireLonger(grace, limits.descentDeadline(), "gradient.limits.descent-deadline", "runs of /descent");
    }

    private static void requireLonger(Duration grace, Duration deadline, String property, String what) {
        if (grace.compareTo(deadline) <= 0) {
            throw new IllegalStateException("spring.lifecycle.timeout-per-shutdown-phase (" + grace
                    + ") must be longer than " + property + " (" + deadline + "), or a graceful shutdown cuts off the "
                    + what + " in flight");
        }
    }
}
