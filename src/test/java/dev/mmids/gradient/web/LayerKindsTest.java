package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mmids.gradient.backprop.LayerKind;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every layer kind the engine declares ({@link LayerKind}) is a layer type of the API under the same name,
 * with the engine's settings and defaults: in {@code GET /catalog}, in openapi.yaml, and in what a request
 * computes when it leaves a setting out, sets it to its default, or sets it to another value.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LayerKindsTest {

    /** Inputs on both sides of every kind's bends and thresholds. */
    private static final double[] X = {-25, -1, -0.25, 0, 0.5, 3, 25};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @EnumSource(LayerKind.class)
    void theCatalogListsTheKindWithTheEnginesNameFormulaAndDefaults(LayerKind kind) throws Exception {
        JsonNode catalog = JSON.readTree(
                mvc.perform(get("/catalog")).andReturn().getResponse().getContentAsByteArray());
        JsonNode type = catalog.get("layers").get(kind.ordinal());
        assertThat(type.get("type").asString()).isEqualTo(kind.id());
        assertThat(type.get("formula").asString()).isEqualTo(kind.formula());
        for (LayerKind.Setting setting : kind.settings()) {
            JsonNode field = field(type, setting.name());
            assertThat(field.get("default").asString()).isEqualTo(Double.toString(setting.defaultValue()));
            assertThat(field.get("type").asString()).isEqualTo("number");
        }
    }

    @ParameterizedTest
    @EnumSource(LayerKind.class)
    void theContractNamesTheKindAndEachSettingWithItsDefault(LayerKind kind) {
        Map<String, Schema> schemas = ContractConformance.SPEC.getComponents().getSchemas();
        assertThat(schemas.get("LayerType").getEnum()).contains(kind.id());
        for (LayerKind.Setting setting : kind.settings()) {
            Schema<?> property =
                    (Schema<?>) schemas.get("Layer").getProperties().get(setting.name());
            assertThat(property).as("Layer." + setting.name()).isNotNull();
            assertThat(property.getDescription())
                    .startsWith(kind.id() + " only; " + Double.toString(setting.defaultValue()) + " when absent");
        }
    }

    @ParameterizedTest
    @EnumSource(LayerKind.class)
    void aSettingLeftOutIsTheEnginesDefaultAndAnotherValueReachesTheEngine(LayerKind kind) throws Exception {
        if (kind.hasParameters()) {
            return;
        }
        double[] defaults = outputs(kind.id(), "");
        assertThat(defaults)
                .isEqualTo(kind.create(X.length, kind.defaults()).forward(row()).getData());
        for (LayerKind.Setting setting : kind.settings()) {
            double other = 2 * setting.defaultValue() + 0.5;
            assertThat(outputs(kind.id(), ", \"" + setting.name() + "\": " + setting.defaultValue()))
                    .isEqualTo(defaults);
            assertThat(outputs(kind.id(), ", \"" + setting.name() + "\": " + other))
                    .as(setting.name() + " = " + other)
                    .isNotEqualTo(defaults);
        }
    }

    private double[] outputs(String type, String settings) throws Exception {
        String body = "{\"layers\": [{\"type\": \"" + type + "\"" + settings + "}], \"x\": " + Arrays.toString(X) + "}";
        byte[] answer = mvc.perform(
                        post("/forward").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        return JSON.readValue(JSON.readTree(answer).get("output").toString(), double[].class);
    }

    private static org.ejml.data.DMatrixRMaj row() {
        return org.ejml.data.DMatrixRMaj.wrap(1, X.length, X.clone());
    }

    private static JsonNode field(JsonNode type, String name) {
        List<JsonNode> fields = type.get("fields")
                .valueStream()
                .filter(f -> f.get("name").asString().equals(name))
                .toList();
        assertThat(fields).as(type.get("type") + "." + name).hasSize(1);
        return fields.get(0);
    }
}
