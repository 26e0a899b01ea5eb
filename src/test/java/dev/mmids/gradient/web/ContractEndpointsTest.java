package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The contract is served as it is in the repository, Swagger UI shows it rather than a generated one,
 * and its examples are true: each request example is answered 200, with the response example of the
 * same name.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ContractConformance.class)
class ContractEndpointsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void servesTheRepositorysOpenapiYaml() throws Exception {
        mvc.perform(get("/openapi.yaml"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(ContractController.YAML))
                .andExpect(content().bytes(Files.readAllBytes(Path.of("openapi.yaml"))));
    }

    @Test
    void pointsSwaggerUiAtTheContract() throws Exception {
        mvc.perform(get("/swagger-ui.html"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("webjars/swagger-ui/swagger-ui-bundle.js")))
                .andExpect(content().string(containsString("swagger-ui-init.js")));
        mvc.perform(get("/swagger-ui-init.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("url: \"openapi.yaml\"")))
                .andExpect(content().string(containsString("tryItOutEnabled: true")));
        for (String file : new String[] {"swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"}) {
            mvc.perform(get("/webjars/swagger-ui/" + file)).andExpect(status().isOk());
        }
    }

    @Test
    void servesNoGeneratedSpec() throws Exception {
        for (String path :
                new String[] {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/default", "/v3/api-docs/swagger-config"
                }) {
            GradientEndpointTest.expectProblem(mvc.perform(get(path)), 404, "not-found");
        }
    }

    @Test
    void everyJsonExampleIsWhatTheServerAnswers() throws Exception {
        int posted = 0;
        for (var path : ContractConformance.SPEC.getPaths().entrySet()) {
            Operation operation = path.getValue().getPost();
            if (operation == null) {
                continue;
            }
            // Swagger UI fills "Try it out" with the first of these
            MediaType request = operation.getRequestBody().getContent().get("application/json");
            assertThat(request.getExamples())
                    .as("POST %s: examples of the JSON request", path.getKey())
                    .isNotEmpty();
            Map<String, Example> answers = operation
                    .getResponses()
                    .get("200")
                    .getContent()
                    .get("application/json")
                    .getExamples();
            assertThat(answers)
                    .as("POST %s: examples of the JSON answer", path.getKey())
                    .isNotEmpty();
            for (var example : request.getExamples().entrySet()) {
                ResultActions answer = mvc.perform(post(path.getKey())
                                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                                .content(Json.mapper()
                                        .writeValueAsString(example.getValue().getValue())))
                        .andExpect(status().isOk());
                Example expected = answers.get(example.getKey());
                if (expected != null) {
                    answer.andExpect(content().json(Json.mapper().writeValueAsString(expected.getValue())));
                }
                posted++;
            }
        }
        assertThat(posted).isGreaterThanOrEqualTo(5);
    }

    /**
     * Clients generated from the contract spell out what they were not given: openapi-generator's Java
     * clients send [] for every optional array, its restclient null for every optional field. Every request
     * example, so spelled out, is answered as it is without them. (A field whose schema is a nullable
     * reference, {@code allOf: [$ref]}, stays out: the validator reads the reference's type as excluding
     * null. {@code NullFieldsTest} sends null there, past the validator.)
     */
    @Test
    void answersEveryExampleTheSameWithEveryOptionalArrayEmptyAndEveryOptionalFieldNull() throws Exception {
        int posted = 0;
        for (var path : ContractConformance.SPEC.getPaths().entrySet()) {
            Operation operation = path.getValue().getPost();
            if (operation == null) {
                continue;
            }
            MediaType request = operation.getRequestBody().getContent().get("application/json");
            for (var example : request.getExamples().entrySet()) {
                JsonNode plain = Json.mapper().valueToTree(example.getValue().getValue());
                JsonNode spelledOut = spellOutAbsentFields(plain, request.getSchema());
                assertThat(spelledOut)
                        .as("%s %s spelled out", path.getKey(), example.getKey())
                        .isNotEqualTo(plain);

                String expected = mvc.perform(post(path.getKey())
                                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                                .content(plain.toString()))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
                mvc.perform(post(path.getKey())
                                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                                .content(spelledOut.toString()))
                        .andExpect(status().isOk())
                        .andExpect(content().json(expected, org.springframework.test.json.JsonCompareMode.STRICT));
                posted++;
            }
        }
        assertThat(posted).isGreaterThanOrEqualTo(5);
    }

    /** The value with every optional field its schema defines and it lacks: [] for an array, null otherwise. */
    private static JsonNode spellOutAbsentFields(JsonNode value, Schema<?> schema) {
        Schema<?> resolved = resolve(schema);
        if (value.isObject() && resolved.getProperties() != null) {
            ObjectNode copy = ((ObjectNode) value).deepCopy();
            List<String> required = resolved.getRequired() == null ? List.of() : resolved.getRequired();
            for (var property : resolved.getProperties().entrySet()) {
                Schema<?> field = resolve(property.getValue());
                if (copy.has(property.getKey())) {
                    copy.set(property.getKey(), spellOutAbsentFields(copy.get(property.getKey()), field));
                } else if (!required.contains(property.getKey())
                        && property.getValue().getAllOf() == null) {
                    copy.set(
                            property.getKey(),
                            "array".equals(field.getType()) ? copy.arrayNode() : NullNode.getInstance());
                }
            }
            return copy;
        }
        if (value.isArray() && resolved.getItems() != null) {
            ArrayNode copy = ((ArrayNode) value).arrayNode();
            value.forEach(element -> copy.add(spellOutAbsentFields(element, resolved.getItems())));
            return copy;
        }
        return value;
    }

    private static Schema<?> resolve(Schema<?> schema) {
        Schema<?> resolved = schema;
        while (resolved.get$ref() != null) {
            String ref = resolved.get$ref();
            resolved =
                    ContractConformance.SPEC.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return resolved;
    }
}
