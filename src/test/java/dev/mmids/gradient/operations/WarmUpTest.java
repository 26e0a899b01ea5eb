package dev.mmids.gradient.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With {@code gradient.warm-up.duration} set, the service has answered every endpoint's requests before the
 * application is ready: the context a test gets is the ready one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "gradient.warm-up.duration=1s"})
class WarmUpTest {

    @Autowired
    MeterRegistry registry;

    @Test
    void everyEndpointWasComputedBeforeTheServiceWasReady() {
        for (String endpoint : List.of("gradient", "forward", "jacobian", "vjp", "jvp", "descent")) {
            Counter computed = registry.find("gradient.computations")
                    .tag("endpoint", endpoint)
                    .counter();
            assertThat(computed).as(endpoint).isNotNull();
            assertThat(computed.count()).as(endpoint).isGreaterThan(0);
        }
        // and a training batch's request (64 samples), whose products run in BLAS rather than in loops
        Counter samples =
                registry.find("gradient.samples").tag("endpoint", "gradient").counter();
        assertThat(samples).isNotNull();
        assertThat(samples.count()).isGreaterThanOrEqualTo(64);
    }
}
