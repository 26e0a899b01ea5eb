package dev.mmids.gradient.web.server;

import dev.mmids.gradient.web.json.RequestReader;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC's share of the request path: the request bodies are read by {@link RequestReader}. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final RequestReader reader;

    WebConfiguration(RequestReader reader) {
        this.reader = reader;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(reader);
    }

    /** The clock of slow transfers: one thread that cuts off bodies and answers that fall behind. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService transferTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "transfer-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
