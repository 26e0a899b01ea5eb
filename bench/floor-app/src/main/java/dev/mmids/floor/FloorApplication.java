package dev.mmids.floor;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The floor of the start-up and warm-up benchmarks: the same Spring Boot web stack as the service, with
 * nothing of its own. {@code POST /gradient} parses the body into a tree and answers a constant, so that
 * the benchmark scripts can drive it exactly as they drive the service.
 */
@SpringBootApplication
@RestController
public class FloorApplication {

    private static final Map<String, Object> ANSWER = Map.of("loss", 0.0);

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }

    @PostMapping(
            path = "/gradient",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> gradient(@RequestBody JsonNode request) {
        return ANSWER;
    }
}
