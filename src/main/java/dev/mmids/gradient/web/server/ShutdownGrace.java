package dev.mmids.gradient.web.server;

import dev.mmids.gradient.web.model.Limits;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when a graceful shutdown would cut off a computation in flight: the time Spring gives
 * the requests in flight to finish must be longer than the longest a computation may run.
 */
@Component
class ShutdownGrace {

    ShutdownGrace(Limits limits, @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration grace) {
        if (grace.compareTo(limits.computeDeadline()) <= 0) {
            throw new IllegalStateException("spring.lifecycle.timeout-per-shutdown-phase (" + grace
                    + ") must be longer than gradient.limits.compute-deadline (" + limits.computeDeadline()
                    + "), or a graceful shutdown cuts off the computations in flight");
        }
    }
}
