package dev.mmids.gradient.web.json;

import dev.mmids.gradient.backprop.compute.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What parsing a JSON body will charge ({@link AccountedParser.Cost}), counted from its outline in one pass
 * over its bytes, before the parse, so that the parse's memory can be reserved at once. The outline is
 * what the charges depend on: where objects and arrays open and close, how many values an array holds and
 * whether any is a container, which strings are values (names cost nothing) and how long they are.
 * Jackson's tokenizer would say the same, but it reads every number's digits into a buffer of its own,
 * which a count does not need, and took 7% of a small request's time.
 *
 * <p>A string is counted by its bytes, which are never fewer than the characters Jackson makes of them
 * (an escape or a multi-byte character is one or two characters), so the count is the tokenizer's for
 * ASCII strings without escapes and above it otherwise. A body the outline cannot follow (unbalanced,
 * nested deeper than the parser allows, cut short) counts 0: the parse then refuses it and says where,
 * charging as it goes until then.
 */
public final class JsonOutline {

    /** The deadline is checked every this many bytes. */
    private static final int BYTES_PER_CHECK = 64 * 1024;

    /** Whether a byte ends a number or a literal: white space, structure or a quote. */
    private static final boolean[] DELIMITER = new boolean[256];

    static {
        for (char c : " \t\n\r{}[]:,\"".toCharArray()) {
            DELIMITER[c] = true;
        }
    }

    private final AccountedParser.Cost cost = new AccountedParser.Cost();

    /** For each open container, from the outermost: whether it is an object. */
    private final boolean[] objects;

    private int depth;

    /** In an object, whether the next string is a name (after its opening brace or a comma). */
    private boolean name;

    /** Whether the bytes being read are a number or a literal. */
    private boolean scalar;

    /** Inside a string: its bytes so far, and whether the byte before was an unescaped backslash. */
    private boolean string;

    private long stringBytes;
    private boolean escaped;

    private JsonOutline(int maxDepth) {
        this.objects = new boolean[maxDepth];
    }

    /** What parsing the body will charge, or 0 for a body it cannot follow; stops at the deadline. */
    public static long cost(InputStream body, int maxDepth, Deadline deadline) {
        JsonOutline outline = new JsonOutline(maxDepth);
        long sinceCheck = 0;
        try {
            int available = body.available(); // a small body needs no more than its size
            byte[] buffer = new byte[available > 0 && available < 8192 ? available : 8192];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                if (!outline.read(buffer, n)) {
                    return 0;
                }
                sinceCheck += n;
                if (sinceCheck >= BYTES_PER_CHECK) {
                    deadline.check();
                    sinceCheck = 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outline.depth == 0 && !outline.string ? outline.cost.bytes() : 0;
    }

    /** Follows {@code n} more bytes; false where the outline is lost. */
    private boolean read(byte[] bytes, int n) {
        int i = 0;
        while (i < n) {
            if (string) {
                i = readString(bytes, i, n);
                continue;
            }
            byte b = bytes[i++];
            switch (b) {
                case ' ', '\t', '\n', '\r' -> scalar = false;
                case '{', '[' -> {
                    scalar = false;
                    if (depth == objects.length) {
                        return false;
                    }
                    objects[depth++] = b == '{';
                    cost.open(b == '[');
                    name = b == '{';
                }
                case '}', ']' -> {
                    scalar = false;
                    if (depth == 0 || objects[depth - 1] != (b == '}')) {
                        return false;
                    }
                    depth--;
                    cost.close();
                    name = false;
                }
                case ':' -> {
                    scalar = false;
                    name = false;
                }
                case ',' -> {
                    scalar = false;
                    name = depth > 0 && objects[depth - 1];
                }
                case '"' -> {
                    scalar = false;
                    string = true;
                    stringBytes = 0;
                }
                default -> {
                    if (!scalar) {
                        scalar = true;
                        cost.scalar();
                    }
                    while (i < n && !DELIMITER[bytes[i] & 0xFF]) {
                        i++;
                    }
                }
            }
        }
        return true;
    }

    /** Reads a string's bytes from {@code i} up to its closing quote or the end of the bytes; returns where it stopped. */
    private int readString(byte[] bytes, int i, int n) {
        while (i < n) {
            byte b = bytes[i++];
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                string = false;
                if (!name) {
                    cost.string(stringBytes);
                }
                return i;
            }
            stringBytes++;
        }
        return i;
    }
}
