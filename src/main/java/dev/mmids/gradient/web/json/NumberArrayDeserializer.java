package dev.mmids.gradient.web.json;

import dev.mmids.gradient.web.admission.Footprint;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.cbor.CBORParser;

/**
 * Reads every array of numbers of a request, in JSON and in CBOR alike: an array whose elements are
 * numbers (or the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, which the service
 * answers with {@code non-finite-number} and their pointer), or in CBOR an RFC 8746 typed array of
 * float64 or float32, big- or little-endian, decoded exactly. Anything else is a wrong type: Jackson's
 * own reader would take a base64 string in JSON, or any CBOR byte string whatever its tag, as packed
 * big-endian doubles and answer with numbers nobody sent.
 *
 * <p>The numbers arrive in chunks that double in size, so that an array costs at most twice its final
 * size while it is read; each chunk, and the final array, is charged to the request's parse before it is
 * allocated ({@link AccountedParser}).
 */
final class NumberArrayDeserializer extends StdDeserializer<double[]> {

    private static final int FIRST_CHUNK = 16;
    private static final int LARGEST_CHUNK = 8192;

    /** What reading an array of n numbers allocates: its chunks, then the array itself. */
    static long cost(long n) {
        long bytes = AccountedParser.doubles(n);
        long capacity = 0;
        for (int length = FIRST_CHUNK; capacity < n; length = Math.min(LARGEST_CHUNK, 2 * length)) {
            if (length == LARGEST_CHUNK) {
                long chunks = (n - capacity + LARGEST_CHUNK - 1) / LARGEST_CHUNK;
                return Footprint.plus(bytes, Footprint.times(chunks, AccountedParser.doubles(LARGEST_CHUNK)));
            }
            bytes += AccountedParser.doubles(length);
            capacity += length;
        }
        return bytes;
    }

    NumberArrayDeserializer() {
        super(double[].class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Array;
    }

    @Override
    public double[] deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.isExpectedStartArrayToken()) {
            return elements(p);
        }
        if (p.hasToken(JsonToken.VALUE_EMBEDDED_OBJECT)) {
            return typedArray(p);
        }
        throw MismatchedInputException.from(p, double[].class, "expected an array of numbers");
    }

    private static double[] elements(JsonParser p) {
        Numbers numbers = new Numbers(p);
        for (JsonToken token = next(p, 0); token != JsonToken.END_ARRAY; token = next(p, numbers.size())) {
            numbers.add(
                    switch (token) {
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                        case VALUE_STRING -> nonFinite(p, numbers.size());
                        default -> throw notANumber(p, numbers.size());
                    });
        }
        return numbers.toArray();
    }

    /** The next token, element {@code index} of the array: a number too long to read is pointed at. */
    private static JsonToken next(JsonParser p, int index) {
        try {
            return p.nextToken();
        } catch (StreamConstraintsException tooLong) {
            tooLong.prependPath(new JacksonException.Reference(null, index));
            throw tooLong;
        }
    }

    /** The strings JSON parsers write for the non-finite doubles, as those doubles; others are wrong. */
    private static double nonFinite(JsonParser p, int index) {
        return switch (p.getString()) {
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw notANumber(p, index);
        };
    }

    private static JacksonException notANumber(JsonParser p, int index) {
        MismatchedInputException e = MismatchedInputException.from(p, double.class, "expected a number");
        e.prependPath(new JacksonException.Reference(null, index));
        return e;
    }

    /** An RFC 8746 typed array: the tag says the width and the byte order. */
    private static double[] typedArray(JsonParser p) {
        JsonParser source = p;
        while (source instanceof JsonParserDelegate delegate) {
            source = delegate.delegate();
        }
        int tag = source instanceof CBORParser cbor && cbor.getCurrentTags().size() == 1 ? cbor.getCurrentTag() : -1;
        if (!CborScan.TYPED_ARRAY_TAGS.contains(tag)) {
            throw MismatchedInputException.from(
                    p,
                    double[].class,
                    "expected an array of numbers, got a byte string without a float typed-array tag");
        }
        TypedArray decoded = new TypedArray(p, tag);
        ((CBORParser) source).readBinaryValue(Base64Variants.getDefaultVariant(), decoded);
        return decoded.toArray(p);
    }

    /**
     * The elements of an RFC 8746 float typed array as they stream out of the parser: tag 81 float32
     * big-endian, 82 float64 big-endian, 85 float32 little-endian, 86 float64 little-endian.
     */
    private static final class TypedArray extends OutputStream {
        private final Numbers numbers;
        private final int width;
        private final ByteBuffer element;

        TypedArray(JsonParser p, int tag) {
            this.numbers = new Numbers(p);
            this.width = tag == 81 || tag == 85 ? 4 : 8;
            this.element = ByteBuffer.allocate(width).order(tag < 84 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void write(int b) {
            element.put((byte) b);
            if (!element.hasRemaining()) {
                numbers.add(width == 8 ? element.getDouble(0) : element.getFloat(0));
                element.clear();
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int k = offset; k < offset + length; k++) {
                write(bytes[k]);
            }
        }

        double[] toArray(JsonParser p) {
            if (element.position() != 0) {
                throw MismatchedInputException.from(
                        p,
                        double[].class,
                        "a typed array of float" + 8 * width + " must hold a whole number of " + width
                                + "-byte elements");
            }
            return numbers.toArray();
        }
    }

    /** Numbers as they are read, in chunks that double in size, each charged before it is allocated. */
    private static final class Numbers {
        private final AccountedParser account;
        private final List<double[]> full = new ArrayList<>();
        private long chunkBytes;
        private double[] chunk = new double[0];
        private int inChunk;
        private int size;

        Numbers(JsonParser p) {
            this.account = p instanceof AccountedParser accounted ? accounted : null;
        }

        int size() {
            return size;
        }

        void add(double value) {
            if (inChunk == chunk.length) {
                if (chunk.length > 0) {
                    full.add(chunk);
                }
                int length = Math.min(LARGEST_CHUNK, Math.max(FIRST_CHUNK, 2 * chunk.length));
                charge(AccountedParser.doubles(length));
                chunkBytes += AccountedParser.doubles(length);
                chunk = new double[length];
                inChunk = 0;
            }
            chunk[inChunk++] = value;
            size++;
        }

        double[] toArray() {
            charge(AccountedParser.doubles(size));
            double[] all = new double[size];
            int at = 0;
            for (double[] c : full) {
                System.arraycopy(c, 0, all, at, c.length);
                at += c.length;
            }
            System.arraycopy(chunk, 0, all, at, inChunk);
            if (account != null) {
                account.released(chunkBytes);
            }
            return all;
        }

        private void charge(long bytes) {
            if (account != null) {
                account.charge(bytes);
            }
        }
    }
}
