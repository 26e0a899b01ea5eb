package dev.mmids.gradient.web.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmids.gradient.web.model.Limits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A graceful shutdown must outlast both deadlines, or the service refuses to start. */
class ShutdownGraceTest {

    private static Limits deadlines(Duration compute, Duration descent) {
        return new Limits(
                DataSize.ofMegabytes(64),
                1000,
                10_000_000,
                100_000,
                1_000_000,
                1_000_000,
                10_000_000,
                10_000_000,
                compute,
                100_000_000_000L,
                descent);
    }

    @Test
    void startsWhenTheGraceOutlastsBothDeadlines() {
        assertThatCode(() -> new ShutdownGrace(
                        deadlines(Duration.ofSeconds(30), Duration.ofSeconds(40)), Duration.ofSeconds(45)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAGraceThatWouldCutOffARun() {
        assertThatThrownBy(() -> new ShutdownGrace(
                        deadlines(Duration.ofSeconds(30), Duration.ofSeconds(120)), Duration.ofSeconds(45)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gradient.limits.descent-deadline");
        assertThatThrownBy(() -> new ShutdownGrace(
                        deadlines(Duration.ofSeconds(50), Duration.ofSeconds(40)), Duration.ofSeconds(45)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gradient.limits.compute-deadline");
    }
}
