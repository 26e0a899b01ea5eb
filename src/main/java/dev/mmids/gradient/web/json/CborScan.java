package dev.mmids.gradient.web.json;

import dev.mmids.gradient.web.admission.BodyBuffer;
import dev.mmids.gradient.web.problem.MalformedJsonProblem;
import dev.mmids.gradient.web.problem.Problem;
import dev.mmids.gradient.web.problem.WrongTypeProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One pass over a CBOR body (RFC 8949) before Jackson reads it, for what Jackson's CBOR parser leaves
 * unchecked: tags. The parser collects any number of tags in front of a value in a list that grows by
 * copying, so that a run of tags costs time quadratic in its length, and it ignores what they mean, so
 * that an RFC 8746 typed array of little-endian doubles would be read as big-endian ones. Here the only
 * tags taken are those of RFC 8746's float typed arrays (81, 82, 85, 86), each directly on a byte
 * string, which {@link NumberArrayDeserializer} decodes where numbers belong; any other tag is a 400
 * that points at it. The pass walks the items in linear time and nests no deeper than the parser may; on
 * the way it counts what parsing the body will charge ({@link AccountedParser.Cost}).
 */
public final class CborScan {

    /** The tags of RFC 8746's typed arrays of float32 and float64, big- and little-endian. */
    static final List<Integer> TYPED_ARRAY_TAGS = List.of(81, 82, 85, 86);

    private static final int BREAK = 0xFF;

    private final InputStream in;
    private final long size;
    private final int maxDepth;
    private final Deque<Frame> open = new ArrayDeque<>();
    private final AccountedParser.Cost cost = new AccountedParser.Cost();
    private long position;
    private int peeked = -1;
    private int typedArrayTag = -1;

    /** An array or map being walked: its items left (-1 while indefinite), taken, and the last key. */
    private static final class Frame {
        final boolean map;
        long remaining;
        long taken;
        String key = "";

        Frame(boolean map, long remaining) {
            this.map = map;
            this.remaining = remaining;
        }
    }

    private CborScan(BodyBuffer body, int maxDepth) {
        this.in = body.stream();
        this.size = body.size();
        this.maxDepth = maxDepth;
    }

    /**
     * Checks the tags of the body's first item (what follows it is for the parser to refuse), and returns
     * what parsing it will charge.
     */
    public static long check(BodyBuffer body, int maxDepth) {
        CborScan scan = new CborScan(body, maxDepth);
        scan.walk();
        return scan.cost.bytes();
    }

    private void walk() {
        do {
            int head = next();
            if (head == BREAK) {
                Frame frame = open.peek();
                if (frame == null || frame.remaining >= 0 || (frame.map && frame.taken % 2 == 1)) {
                    throw malformed("a stop code where no indefinite-length item is open");
                }
                open.pop();
                cost.close();
                itemDone(null);
                continue;
            }
            int major = head >>> 5;
            long argument = argument(head);
            switch (major) {
                case 0, 1, 7 -> {
                    if (!isKey()) {
                        cost.scalar();
                    }
                    itemDone(null);
                }
                case 2, 3 -> itemDone(string(major, argument));
                case 4, 5 -> {
                    if (open.size() >= maxDepth) {
                        throw malformed("it nests deeper than " + maxDepth + " levels");
                    }
                    if (argument > size - position) {
                        throw malformed("an array or map declares " + Long.toUnsignedString(argument)
                                + " items, more than the bytes left in the body");
                    }
                    cost.open(major == 4);
                    open.push(new Frame(major == 5, major == 5 && argument >= 0 ? 2 * argument : argument));
                    closeFinished();
                }
                case 6 -> tag(argument);
                default -> throw new IllegalStateException("a CBOR major type is three bits");
            }
        } while (!open.isEmpty());
    }

    private void tag(long tag) {
        if (!TYPED_ARRAY_TAGS.contains((int) Math.min(tag, Integer.MAX_VALUE)) || tag > Integer.MAX_VALUE) {
            throw new WrongTypeProblem(
                    pointer(),
                    "an array of numbers or a value without a CBOR tag; the only tags taken are those of RFC 8746's"
                            + " float typed arrays (81, 82, 85, 86), found tag " + Long.toUnsignedString(tag));
        }
        if (position >= size || peek() >>> 5 != 2) {
            throw new WrongTypeProblem(
                    pointer(), "a byte string after typed-array tag " + tag + " (RFC 8746 tags a byte string)");
        }
        typedArrayTag = (int) tag;
    }

    /** Whether the item about to be read is a map's key. */
    private boolean isKey() {
        Frame frame = open.peek();
        return frame != null && frame.map && frame.taken % 2 == 0;
    }

    /**
     * Skips a byte or text string and counts what it will cost; returns its text when it is a text string
     * that is a map's key.
     */
    private String string(int major, long length) {
        boolean key = major == 3 && isKey();
        long total = 0;
        String text;
        if (length >= 0) {
            text = skip(length, key);
            total = length;
        } else {
            StringBuilder chunks = key ? new StringBuilder() : null;
            for (int head = next(); head != BREAK; head = next()) {
                if (head >>> 5 != major || (head & 31) == 31) {
                    throw malformed("an indefinite-length string holds a chunk of another type");
                }
                long part = argument(head);
                String chunk = skip(part, key);
                total += part;
                if (chunks != null && chunks.length() < 1_000) {
                    chunks.append(chunk);
                }
            }
            text = chunks == null ? null : chunks.toString();
        }
        if (major == 2 && typedArrayTag > 0) {
            cost.numbers(total / (typedArrayTag == 81 || typedArrayTag == 85 ? 4 : 8));
        } else if (major == 3 && !key) {
            cost.string(total);
        } else if (!key) {
            cost.scalar();
        }
        typedArrayTag = -1;
        return text;
    }

    private String skip(long length, boolean keep) {
        if (length > size - position) {
            throw malformed("a string of " + Long.toUnsignedString(length) + " bytes runs past the end of the body");
        }
        String text = null;
        long left = length;
        if (keep) {
            int n = (int) Math.min(length, 1_000);
            byte[] bytes = new byte[n];
            for (int k = 0; k < n; k++) {
                bytes[k] = (byte) next();
            }
            text = new String(bytes, StandardCharsets.UTF_8);
            left -= n;
        }
        try {
            position += in.skip(left);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text;
    }

    /** One item of the innermost open array or map is complete; closes those it completes. */
    private void itemDone(String text) {
        Frame frame = open.peek();
        if (frame == null) {
            return;
        }
        if (frame.map && frame.taken % 2 == 0) {
            frame.key = text == null ? "?" : text;
        }
        frame.taken++;
        if (frame.remaining > 0) {
            frame.remaining--;
        }
        closeFinished();
    }

    private void closeFinished() {
        Frame frame = open.peek();
        if (frame != null && frame.remaining == 0) {
            open.pop();
            cost.close();
            itemDone(null);
        }
    }

    /** The argument of an item's head: its value, length or count; -1 for an indefinite length. */
    private long argument(int head) {
        int info = head & 31;
        if (info < 24) {
            return info;
        }
        if (info == 31) {
            int major = head >>> 5;
            if (major < 2 || major > 5) {
                throw malformed("an indefinite length on an item that cannot have one");
            }
            return -1;
        }
        if (info > 27) {
            throw malformed("a reserved additional information value " + info);
        }
        int bytes = 1 << (info - 24);
        long value = 0;
        for (int k = 0; k < bytes; k++) {
            value = (value << 8) | next();
        }
        return value < 0 ? Long.MAX_VALUE : value;
    }

    private int next() {
        int b = peek();
        peeked = -1;
        position++;
        return b;
    }

    /** The next byte, left to be read. */
    private int peek() {
        if (peeked < 0) {
            if (position >= size) {
                throw malformed("the body ends inside an item");
            }
            try {
                peeked = in.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return peeked;
    }

    /** The JSON Pointer of the item about to be read. */
    private String pointer() {
        StringBuilder pointer = new StringBuilder();
        var frames = open.descendingIterator();
        while (frames.hasNext()) {
            Frame frame = frames.next();
            pointer.append('/');
            if (frame.map) {
                pointer.append(frame.key.replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(frame.taken);
            }
        }
        return pointer.toString();
    }

    private Problem malformed(String what) {
        return new MalformedJsonProblem("the body is not valid CBOR (RFC 8949): " + what + ", at byte " + position);
    }
}
