package dev.mmids.gradient.web;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Holds every exchange of the MockMvc tests that import it to openapi.yaml, the very file the server
 * serves: every response of an operation the contract defines must match the response it declares
 * for that status, and every request answered with 2xx must match the request it declares. A field
 * the code adds and the contract lacks (every schema forbids additional properties), or a required
 * field the code drops, fails the test that made the exchange.
 */
@TestConfiguration(proxyBeanMethods = false)
class ContractConformance {

    static final String CONTRACT = contract();

    static final OpenAPI SPEC = new OpenAPIV3Parser().readContents(CONTRACT).getOpenAPI();

    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(CONTRACT)
                    .build();

    @Bean
    MockMvcBuilderCustomizer everyExchangeConformsToTheContract() {
        return builder -> builder.alwaysExpect(ContractConformance::check);
    }

    static void check(MvcResult result) throws Exception {
        MockHttpServletRequest request = result.getRequest();
        MockHttpServletResponse response = result.getResponse();
        Request.Method method = Request.Method.valueOf(request.getMethod());
        if (!defines(request.getRequestURI(), method)
                || isCbor(request.getContentType())
                || isCbor(response.getContentType())) {
            return; // CBOR bodies are checked by CborTest, which decodes them
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.getStatus())
                .withBody(response.getContentAsString(StandardCharsets.UTF_8));
        if (response.getContentType() != null) {
            answer.withContentType(response.getContentType());
        }
        ValidationReport report;
        if (response.getStatus() / 100 == 2) {
            SimpleRequest.Builder asked = new SimpleRequest.Builder(method, request.getRequestURI());
            if (request.getContentType() != null) {
                asked.withContentType(request.getContentType());
            }
            byte[] body = request.getContentAsByteArray();
            if (body != null) {
                asked.withBody(body);
            }
            report = VALIDATOR.validate(asked.build(), answer.build());
        } else {
            report = VALIDATOR.validateResponse(request.getRequestURI(), method, answer.build());
        }
        if (report.hasErrors()) {
            throw new AssertionError("The exchange " + method + " " + request.getRequestURI() + " → "
                    + response.getStatus() + " does not conform to openapi.yaml:\n" + report);
        }
    }

    private static boolean isCbor(String contentType) {
        return contentType != null && contentType.startsWith("application/cbor");
    }

    /** Whether the contract defines this operation; a 404 or 405 for others is checked by the tests themselves. */
    static boolean defines(String path, Request.Method method) {
        PathItem item = SPEC.getPaths().get(path);
        return item != null && item.readOperationsMap().containsKey(PathItem.HttpMethod.valueOf(method.name()));
    }

    private static String contract() {
        try {
            return new ClassPathResource("openapi.yaml").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
