package dev.mmids.gradient.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * CBOR requests whose number arrays are RFC 8746 typed arrays, as JavaScript's cbor-x sends a
 * {@code Float64Array} (tag 86), or carry any other tag.
 */
final class TypedArrays {

    private static final CBORMapper CBOR = CBORMapper.builder().build();

    private TypedArrays() {}

    /** The CBOR map {name: tag(bytes)}. */
    static byte[] cbor(String name, int tag, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) CBOR.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeName(name);
            generator.writeTag(tag);
            generator.writeBinary(bytes);
            generator.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * The request in CBOR, with the number arrays at the given JSON Pointers written as typed arrays with
     * their tags (81, 82, 85, 86 encode the numbers as float32 or float64, big- or little-endian; any other tag
     * is put on the float64 little-endian bytes).
     */
    static byte[] cbor(JsonNode request, Map<String, Integer> tags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) CBOR.createGenerator(out)) {
            write(generator, request, "", tags);
        }
        return out.toByteArray();
    }

    /** The numbers as the typed array of the tag says. */
    static byte[] encode(double[] numbers, int tag) {
        boolean single = tag == 81 || tag == 85;
        ByteBuffer bytes = ByteBuffer.allocate(numbers.length * (single ? 4 : 8))
                .order(tag == 81 || tag == 82 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double v : numbers) {
            if (single) {
                bytes.putFloat((float) v);
            } else {
                bytes.putDouble(v);
            }
        }
        return bytes.array();
    }

    private static void write(CBORGenerator generator, JsonNode node, String pointer, Map<String, Integer> tags) {
        if (tags.containsKey(pointer) && node.isArray()) {
            double[] numbers = new double[node.size()];
            for (int k = 0; k < numbers.length; k++) {
                numbers[k] = node.get(k).asDouble();
            }
            generator.writeTag(tags.get(pointer));
            generator.writeBinary(encode(numbers, tags.get(pointer)));
        } else if (node.isObject()) {
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                generator.writeName(field.getKey());
                write(generator, field.getValue(), pointer + "/" + field.getKey(), tags);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (int k = 0; k < node.size(); k++) {
                write(generator, node.get(k), pointer + "/" + k, tags);
            }
            generator.writeEndArray();
        } else {
            CBOR.writeTree(generator, node);
        }
    }
}
