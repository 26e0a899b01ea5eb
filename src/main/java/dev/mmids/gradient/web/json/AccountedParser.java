package dev.mmids.gradient.web.json;

import dev.mmids.gradient.backprop.compute.Deadline;
import dev.mmids.gradient.web.admission.Footprint;
import java.io.OutputStream;
import java.util.function.LongConsumer;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The parser of a request's body, which charges what reading it allocates to the request's memory before
 * the allocation happens, and stops at the request's deadline. Every token that makes an object (a
 * request record and its place in a list, with the boxed numbers it holds), an array or a string is
 * charged its cost as it is read; arrays of numbers charge their own chunks ({@link
 * NumberArrayDeserializer}). The charges are taken from the admission control's budget ahead of need, in
 * steps of {@link #STEP}, so that what the parse allocates is always already reserved. The costs are upper
 * bounds measured for the densest bodies in each format ({@code AccountingTest}).
 *
 * <p>Byte strings are read only as typed arrays of numbers: anywhere else, Jackson would turn one into a
 * base64 string four thirds its size, so reading one as an object or a string is a wrong type.
 */
public final class AccountedParser extends JsonParserDelegate {

    /** What an object of a request costs: the record, its slot in a list, and the boxed fields it holds. */
    static final long OBJECT = 512;

    /** What an array costs besides its elements: the array or list object, its header and its slot. */
    static final long ARRAY = 192;

    /** What a string costs besides its characters. */
    static final long STRING = 64;

    /** What a parse costs before its first token: the parser, its buffers, the reader's context. */
    static final long PARSE = 8 * 1024;

    /** Memory is reserved ahead of the charges in steps of this size. */
    static final long STEP = 16 * 1024;

    /** The deadline is checked every this many tokens. */
    private static final int TOKENS_PER_CHECK = 4096;

    private final LongConsumer reserve;
    private final Deadline deadline;
    private long charged;
    private long released;
    private long reserved;
    private int tokens;

    /**
     * @param reserve reserves that many more bytes of memory for the request, or throws when it cannot
     * @param reserved what is reserved for the parse already, as {@link #cost} counted it
     */
    public AccountedParser(JsonParser parser, LongConsumer reserve, Deadline deadline, long reserved) {
        super(parser);
        this.reserve = reserve;
        this.deadline = deadline;
        this.reserved = reserved;
        charge(PARSE);
    }

    /** The charges of a body's structure, as a parse of it will make them, counted from its outline. */
    static final class Cost {
        private final java.util.ArrayDeque<long[]> arrays = new java.util.ArrayDeque<>();
        private long bytes = PARSE;

        /** An object or an array starts; an array counts its elements, and whether any is a container. */
        void open(boolean array) {
            element(true);
            bytes = Footprint.plus(bytes, array ? ARRAY : OBJECT);
            arrays.push(array ? new long[] {0, 0} : new long[] {-1, 0});
        }

        void close() {
            long[] closed = arrays.pop();
            if (closed[0] >= 0 && closed[1] == 0) {
                bytes = Footprint.plus(bytes, NumberArrayDeserializer.cost(closed[0]));
            }
        }

        void string(long length) {
            element(false);
            bytes = Footprint.plus(bytes, STRING + 2 * length);
        }

        void scalar() {
            element(false);
        }

        /** A typed array of n numbers, which stands for an array of them. */
        void numbers(long n) {
            element(false);
            bytes = Footprint.plus(bytes, Footprint.plus(ARRAY, NumberArrayDeserializer.cost(n)));
        }

        private void element(boolean container) {
            long[] array = arrays.peek();
            if (array != null && array[0] >= 0) {
                array[0]++;
                array[1] += container ? 1 : 0;
            }
        }

        long bytes() {
            return bytes;
        }
    }

    /** The memory of an array of {@code n} doubles. */
    static long doubles(long n) {
        return 16 + 8 * n;
    }

    /** What the parse has charged so far. */
    public long charged() {
        return charged;
    }

    /** What the parsed request still holds: what was charged, less the transient buffers given back. */
    long kept() {
        return charged - released;
    }

    /** Records that {@code bytes} charged before are garbage now (the chunks of an array read whole). */
    void released(long bytes) {
        released += bytes;
    }

    /** Charges {@code bytes} about to be allocated, reserving more memory first where needed. */
    void charge(long bytes) {
        charged += bytes;
        if (charged > reserved) {
            long more = Math.max(STEP, charged - reserved);
            reserve.accept(more);
            reserved += more;
        }
    }

    @Override
    public JsonToken nextToken() {
        return counted(delegate.nextToken());
    }

    @Override
    public JsonToken nextValue() {
        JsonToken token = nextToken();
        return token == JsonToken.PROPERTY_NAME ? nextToken() : token;
    }

    @Override
    public String nextName() {
        String name = delegate.nextName();
        counted(delegate.currentToken());
        return name;
    }

    @Override
    public boolean nextName(SerializableString name) {
        boolean matches = delegate.nextName(name);
        counted(delegate.currentToken());
        return matches;
    }

    @Override
    public int nextNameMatch(PropertyNameMatcher matcher) {
        int match = delegate.nextNameMatch(matcher);
        counted(delegate.currentToken());
        return match;
    }

    @Override
    public Object getEmbeddedObject() {
        throw notBinary();
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) {
        throw notBinary();
    }

    @Override
    public int readBinaryValue(Base64Variant variant, OutputStream out) {
        throw notBinary();
    }

    private JsonToken counted(JsonToken token) {
        if (++tokens % TOKENS_PER_CHECK == 0) {
            deadline.check();
        }
        if (token == null) {
            return null;
        }
        switch (token) {
            case START_OBJECT -> charge(OBJECT);
            case START_ARRAY -> charge(ARRAY);
            case VALUE_STRING -> charge(STRING + 2L * delegate.getStringLength());
            default -> {}
        }
        return token;
    }

    private MismatchedInputException notBinary() {
        return MismatchedInputException.from(
                this, Object.class, "binary data where the API takes none (a byte string is read only as numbers)");
    }
}
