package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mmids.gradient.backprop.Loss;
import dev.mmids.gradient.web.model.DescentRequest;
import dev.mmids.gradient.web.model.ForwardRequest;
import dev.mmids.gradient.web.model.GradientRequest;
import dev.mmids.gradient.web.model.JacobianRequest;
import dev.mmids.gradient.web.model.JvpRequest;
import dev.mmids.gradient.web.model.LayerSpec;
import dev.mmids.gradient.web.model.LayerType;
import dev.mmids.gradient.web.model.LossSpec;
import dev.mmids.gradient.web.model.OptimizerSpec;
import dev.mmids.gradient.web.model.ParameterOrder;
import dev.mmids.gradient.web.model.Sample;
import dev.mmids.gradient.web.model.VjpRequest;
import dev.mmids.gradient.web.model.VjpSample;
import dev.mmids.gradient.web.problem.FieldError;
import dev.mmids.gradient.web.problem.ProblemKind;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml itself: it parses without an error or a warning, it keeps the rules generated clients
 * rely on, and every schema has exactly the fields of the record the server reads or writes, so that a
 * field in the contract that the code lacks fails too (the exchanges catch the reverse).
 */
class OpenApiContractTest {

    private static final Map<String, Class<? extends Record>> RECORDS = Map.ofEntries(
            Map.entry("GradientRequest", GradientRequest.class),
            Map.entry("ForwardRequest", ForwardRequest.class),
            Map.entry("JacobianRequest", JacobianRequest.class),
            Map.entry("VjpRequest", VjpRequest.class),
            Map.entry("VjpSample", VjpSample.class),
            Map.entry("JvpRequest", JvpRequest.class),
            Map.entry("DescentRequest", DescentRequest.class),
            Map.entry("Optimizer", OptimizerSpec.class),
            Map.entry("DescentResponse", DescentResponse.class),
            Map.entry("DescentEpoch", DescentEpoch.class),
            Map.entry("Layer", LayerSpec.class),
            Map.entry("Loss", LossSpec.class),
            Map.entry("Sample", Sample.class),
            Map.entry("ForwardSample", Sample.class),
            Map.entry("GradientResponse", GradientResponse.class),
            Map.entry("LayoutEntry", LayoutEntry.class),
            Map.entry("Trace", TraceView.class),
            Map.entry("ForwardStep", TraceView.ForwardStep.class),
            Map.entry("BackwardStep", TraceView.BackwardStep.class),
            Map.entry("GradientCheck", CheckView.class),
            Map.entry("Comparison", CheckView.Comparison.class),
            Map.entry("ForwardResponse", ForwardResponse.class),
            Map.entry("JacobianResponse", JacobianResponse.class),
            Map.entry("VjpResponse", VjpResponse.class),
            Map.entry("JvpResponse", JvpResponse.class),
            Map.entry("Catalog", CatalogController.CatalogResponse.class),
            Map.entry("CatalogLayer", CatalogController.LayerEntry.class),
            Map.entry("CatalogField", CatalogController.FieldEntry.class),
            Map.entry("CatalogLoss", CatalogController.LossEntry.class),
            Map.entry("CatalogLimits", CatalogController.LimitsEntry.class),
            Map.entry("CatalogCheck", CatalogController.CheckEntry.class),
            Map.entry("FieldError", FieldError.class));

    @Test
    void parsesWithoutErrorsOrWarnings() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(ContractConformance.CONTRACT, null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.0.");
    }

    @Test
    void everySchemaHasTheFieldsOfItsRecord() {
        for (var entry : RECORDS.entrySet()) {
            Set<String> properties =
                    new TreeSet<>(schema(entry.getKey()).getProperties().keySet());
            assertThat(properties).as(entry.getKey()).isEqualTo(fields(entry.getValue()));
        }
        Set<String> objects = new TreeSet<>();
        schemas().forEach((name, schema) -> {
            if ("object".equals(schema.getType())) {
                objects.add(name);
            }
        });
        objects.remove("Problem");
        assertThat(objects).as("every object schema is mapped to a record").isEqualTo(new TreeSet<>(RECORDS.keySet()));
    }

    /** The request schemas, whose records Jackson reads strictly. */
    static final Set<String> REQUESTS = Set.of(
            "GradientRequest",
            "ForwardRequest",
            "ForwardSample",
            "JacobianRequest",
            "VjpRequest",
            "VjpSample",
            "JvpRequest",
            "DescentRequest",
            "Optimizer",
            "Layer",
            "Loss",
            "Sample");

    /**
     * Requests are strict, so that a misspelt field is a 400; every object of an answer (and a problem) is
     * open, so that a field added later does not break a client generated today (okhttp-gson, on its
     * defaults, throws on a field its schema does not allow, and reads an absent keyword as false).
     */
    @Test
    void requestsForbidFieldsTheyDoNotDefineAndAnswersAllowThem() {
        schemas().forEach((name, schema) -> {
            if ("object".equals(schema.getType())) {
                assertThat(schema.getAdditionalProperties()).as(name).isEqualTo(!REQUESTS.contains(name));
            }
        });
    }

    /**
     * Every optional field of a request may be null, and declares no default: a default makes the field
     * required in openapi-typescript's types, and openapi-generator's Java clients send it; without
     * nullable, they send [] for an absent array and null for an absent field.
     */
    @Test
    void everyOptionalRequestFieldIsNullableWithoutADefault() {
        for (String name : REQUESTS) {
            Schema<?> schema = schema(name);
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            schema.getProperties().forEach((field, property) -> {
                assertThat(property.getDefault()).as("%s.%s", name, field).isNull();
                if (!required.contains(field)) {
                    assertThat(property.getNullable())
                            .as("%s.%s is nullable", name, field)
                            .isTrue();
                }
            });
        }
    }

    @Test
    void everyNumberIsADoubleAndEveryObjectIsNamed() {
        List<String> faults = new ArrayList<>();
        schemas().forEach((name, schema) -> inspect(name, schema, faults));

        assertThat(faults).isEmpty();
    }

    /** A default on a type-specific field would be sent by generated clients for every layer type. */
    @Test
    void layerFieldsDeclareNoDefaults() {
        schema("Layer")
                .getProperties()
                .forEach((name, property) ->
                        assertThat(property.getDefault()).as("Layer.%s", name).isNull());
    }

    @Test
    void everyErrorOfEveryOperationIsAProblem() {
        ContractConformance.SPEC.getPaths().forEach((path, item) -> {
            for (Operation operation : item.readOperations()) {
                assertThat(operation.getResponses()).as(path).containsKeys("200", "404", "405", "406", "500");
                for (var response : operation.getResponses().entrySet()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        ApiResponse answer = response.getValue();
                        String ref = answer.get$ref() != null
                                ? answer.get$ref()
                                : answer.getContent()
                                        .get("application/problem+json")
                                        .getSchema()
                                        .get$ref();
                        ApiResponse resolved = answer.get$ref() == null
                                ? answer
                                : ContractConformance.SPEC
                                        .getComponents()
                                        .getResponses()
                                        .get(ref.substring(ref.lastIndexOf('/') + 1));
                        assertThat(resolved.getContent())
                                .as(path + " " + response.getKey())
                                .containsOnlyKeys("application/problem+json");
                        assertThat(resolved.getContent()
                                        .get("application/problem+json")
                                        .getSchema()
                                        .get$ref())
                                .endsWith("/Problem");
                    }
                }
            }
        });
    }

    @Test
    void theEnumerationsAreTheServersTypes() {
        assertThat(enumeration("LayerType")).containsExactlyElementsOf(LayerType.apiNames());
        assertThat(enumeration("LossType"))
                .containsExactlyElementsOf(
                        Arrays.stream(Loss.values()).map(Loss::id).toList());
        assertThat(enumeration("Reduction")).containsExactly("mean", "sum", "none");
        assertThat(enumeration("ParameterOrder")).containsExactlyElementsOf(ParameterOrder.ids());
        String problemTypes = schema("Problem").getDescription();
        for (ProblemKind kind : ProblemKind.values()) {
            String slug = kind.type().toString().substring(ProblemKind.TYPE_PREFIX.length());
            assertThat(problemTypes).as("the Problem schema names %s", slug).contains(slug);
        }
    }

    private static void inspect(String where, Schema<?> schema, List<String> faults) {
        if (schema.get$ref() != null) {
            return;
        }
        if ("number".equals(schema.getType()) && !"double".equals(schema.getFormat())) {
            faults.add(where + " is a number without format double");
        }
        if ("integer".equals(schema.getType()) && schema.getFormat() == null) {
            faults.add(where + " is an integer without a format");
        }
        if (schema.getItems() != null) {
            if ("object".equals(schema.getItems().getType())) {
                faults.add(where + " holds inline objects");
            }
            inspect(where + "[]", schema.getItems(), faults);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                boolean namedNullable = property.getAllOf() != null
                        && property.getAllOf().size() == 1
                        && ((Schema<?>) property.getAllOf().get(0)).get$ref() != null;
                if ("object".equals(property.getType()) && !namedNullable) {
                    faults.add(where + "." + name + " is an inline object");
                }
                inspect(where + "." + name, property, faults);
            });
        }
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> schemas() {
        return ContractConformance.SPEC.getComponents().getSchemas();
    }

    private static Schema<?> schema(String name) {
        return schemas().get(name);
    }

    private static List<String> enumeration(String name) {
        return schema(name).getEnum().stream().map(String::valueOf).toList();
    }

    private static Set<String> fields(Class<? extends Record> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(OpenApiContractTest::jsonName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The component's name, or the name @JsonProperty gives it (on the field the record declares for it). */
    private static String jsonName(RecordComponent component) {
        JsonProperty renamed;
        try {
            renamed = component
                    .getDeclaringRecord()
                    .getDeclaredField(component.getName())
                    .getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }
}
