package dev.mmids.gradient.web.json;

import dev.mmids.gradient.web.model.Limits;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.CborFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.CborMapperBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.cbor.JacksonCborHttpMessageConverter;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Reads requests strictly, in JSON and in CBOR alike: a value Jackson would otherwise bend into
 * another one (a misspelt field ignored, {@code "2.5"} or {@code 2.5} read as the integer 2,
 * {@code null} in a number array read as 0, a repeated key, a base64 string or a byte string read as
 * packed doubles) would give a wrong number without a word. Each is a 400 instead. Both mappers are built
 * by the same function, {@link #strict}, with the same read limits, and Spring MVC writes CBOR with the
 * configured CBOR mapper rather than a default one of its own. Doubles are written with Jackson's fast
 * writer (Schubfach), which is exact.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    /** The deepest a request nests: a request needs four levels (layers, a layer, its parameters). */
    public static final int MAX_NESTING_DEPTH = 16;

    /** The longest number read: a double needs 25 characters at most; integers and zeros may pad. */
    static final int MAX_NUMBER_LENGTH = 64;

    /** The longest string or name read: type names are short. */
    static final int MAX_STRING_LENGTH = 1_000;

    /**
     * The parser's own limits, in line with the service's: no request nests deeper than five levels,
     * no double needs more than 25 characters, no name or type is long, no document is longer than the
     * body limit, and every token takes at least two of its bytes.
     */
    static StreamReadConstraints readConstraints(Limits limits) {
        long document = limits.maxBodySize().toBytes();
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_STRING_LENGTH)
                .maxDocumentLength(document)
                .maxTokenCount(document / 2 + 16)
                .build();
    }

    @Bean
    JsonFactoryBuilderCustomizer readLimits(Limits limits) {
        return builder -> builder.streamReadConstraints(readConstraints(limits));
    }

    @Bean
    CborFactoryBuilderCustomizer cborReadLimits(Limits limits) {
        return builder -> builder.streamReadConstraints(readConstraints(limits));
    }

    /**
     * JSON has no NaN or Infinity, but Python's json.dumps and JavaScript engines write them bare when a
     * computation diverges: they are read as the numbers they stand for, and answered with
     * {@code non-finite-number} and their pointer rather than a syntax error at a column.
     */
    @Bean
    JsonMapperBuilderCustomizer strictRequests() {
        return JsonConfiguration::strictJson;
    }

    /** The rules of the service's JSON mapper. */
    public static void strictJson(JsonMapper.Builder builder) {
        strict(builder.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS));
    }

    @Bean
    CborMapperBuilderCustomizer strictCborRequests() {
        return JsonConfiguration::strict;
    }

    /** Spring MVC's CBOR converter, with the configured mapper in place of the default one it would build. */
    @Bean
    ServerHttpMessageConvertersCustomizer cborConverter(CBORMapper cbor) {
        return converters -> converters.withCborConverter(new JacksonCborHttpMessageConverter(cbor));
    }

    /** The rules of the service's mappers for JSON and CBOR alike. */
    public static <B extends MapperBuilder<?, B>> void strict(B builder) {
        builder.addModule(new SimpleModule("number-arrays")
                        .addDeserializer(double[].class, new NumberArrayDeserializer()))
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .withCoercionConfig(
                        LogicalType.Float,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
