package dev.mmids.gradient.web.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * A warm-up request that fails ends the warm-up without stopping the service from starting, since the
 * service works unwarmed; a training run (gradient.warm-up.exit) fails with it instead, so that the
 * image's build does.
 */
class WarmUpFailureTest {

    private final AtomicInteger sent = new AtomicInteger();

    private final WarmUp.Sender failing = (port, path, body) -> {
        if (sent.incrementAndGet() == 3) {
            throw new IOException("no answer in 10 s");
        }
    };

    private static WebServerApplicationContext serving() {
        WebServerApplicationContext context = mock(WebServerApplicationContext.class);
        WebServer server = mock(WebServer.class);
        when(context.getWebServer()).thenReturn(server);
        when(server.getPort()).thenReturn(8080);
        return context;
    }

    @Test
    void aFailedRequestEndsTheWarmUpAndTheServiceGoesOnToReady() throws Exception {
        WarmUp warmUp = new WarmUp(serving(), Duration.ofMinutes(10), Duration.ZERO, false, failing);
        long started = System.nanoTime();
        warmUp.run(new DefaultApplicationArguments());
        assertThat(sent.get()).isGreaterThanOrEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aTrainingRunFailsWithIt() {
        WarmUp warmUp = new WarmUp(serving(), Duration.ofMinutes(10), Duration.ZERO, true, failing);
        assertThatThrownBy(() -> warmUp.run(new DefaultApplicationArguments()))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("no answer in 10 s");
    }
}
