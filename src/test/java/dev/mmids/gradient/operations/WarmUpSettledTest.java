package dev.mmids.gradient.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The warm-up ends once the JIT has settled, not at {@code gradient.warm-up.duration}: with a threshold no
 * second of compilation can reach, it ends after its first second, long before its 10 minutes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "gradient.warm-up.duration=10m", "gradient.warm-up.settled-below=1h"})
class WarmUpSettledTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry registry;

    @Test
    void theWarmUpEndsWhenTheJitHasSettled() {
        long readyAfter = System.currentTimeMillis() - context.getStartupDate();
        assertThat(readyAfter).isLessThan(60_000);
        Counter computed = registry.find("gradient.computations")
                .tag("endpoint", "gradient")
                .counter();
        assertThat(computed).isNotNull();
        assertThat(computed.count()).isGreaterThan(0);
    }
}
