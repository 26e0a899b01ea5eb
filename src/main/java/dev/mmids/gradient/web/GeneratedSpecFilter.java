package dev.mmids.gradient.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the spec springdoc would generate from the code out of reach: the contract is openapi.yaml,
 * and a second, generated description could only disagree with it. Swagger UI's own configuration,
 * {@code /v3/api-docs/swagger-config}, stays.
 */
@Component
class GeneratedSpecFilter extends OncePerRequestFilter {

    private static final String GENERATED = "/v3/api-docs";
    private static final String UI_CONFIGURATION = GENERATED + "/swagger-config";

    private final JsonMapper json;
    private final Problems problems;

    GeneratedSpecFilter(JsonMapper json, Problems problems) {
        this.json = json;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith(GENERATED) || path.equals(UI_CONFIGURATION);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Problems.write(
                problems.of(
                        ProblemKind.NOT_FOUND,
                        "there is no resource at " + request.getRequestURI() + "; the contract is GET /openapi.yaml",
                        List.of(),
                        request),
                response,
                json);
    }
}
