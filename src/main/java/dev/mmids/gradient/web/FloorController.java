package dev.mmids.gradient.web;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP floors of the benchmarks (BENCHMARKS.md): the same server stack (Tomcat, the filters, Spring
 * MVC) taking a JSON body of a gradient request's size and answering a small JSON, without computing
 * anything. {@code /bench/floor} reads the body as bytes; {@code /bench/floor/tree} parses it into a tree
 * with the service's mapper. Off unless {@code gradient.bench.floor-endpoint=true}; not part of the API.
 */
@RestController
@ConditionalOnProperty("gradient.bench.floor-endpoint")
class FloorController {

    @PostMapping(
            path = "/bench/floor",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> floor(@RequestBody byte[] body) {
        return Map.of("bytes", body.length);
    }

    @PostMapping(
            path = "/bench/floor/tree",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> tree(@RequestBody JsonNode body) {
        return Map.of("fields", body.size());
    }
}
