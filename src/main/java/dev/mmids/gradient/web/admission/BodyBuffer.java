package dev.mmids.gradient.web.admission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes held in memory as they arrive (a request body, or an answer being written), in chunks: it grows
 * without copying what it holds, and its memory is its chunks, which the admission control reserves one
 * by one before each is allocated. The first chunk is as large as the caller expects the bytes to be (a
 * body's declared length), the next ones twice the one before, up to {@link #CHUNK}, so that a small body
 * costs no more than its size and a large one no more than one chunk beyond it.
 */
public final class BodyBuffer {

    static final int CHUNK = 64 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private int used;
    private long size;
    private long capacity;

    /** The bytes held. */
    public long size() {
        return size;
    }

    /** The memory the buffer holds: its chunks. */
    public long capacity() {
        return capacity;
    }

    /** Whether the next byte needs a new chunk, whose memory must be reserved first. */
    boolean full() {
        return chunks.isEmpty() || used == last().length;
    }

    /** The length of the next chunk: {@code expected} for the first (within 1 and {@link #CHUNK}), then doubling. */
    int nextChunk(long expected) {
        long length = chunks.isEmpty() ? expected : 2L * last().length;
        return (int) Math.max(1, Math.min(CHUNK, length));
    }

    /** Adds an empty chunk of {@code length} bytes. */
    public void grow(int length) {
        chunks.add(new byte[length]);
        used = 0;
        capacity += length;
    }

    /** Appends up to the free space of the last chunk, which must exist; returns the bytes taken. */
    public int append(byte[] bytes, int offset, int length) {
        int taken = Math.min(length, free());
        System.arraycopy(bytes, offset, last(), used, taken);
        filled(taken);
        return taken;
    }

    /** The last chunk, to read into it directly from {@link #lastOffset()}. */
    byte[] last() {
        return chunks.get(chunks.size() - 1);
    }

    int lastOffset() {
        return used;
    }

    /** The space left in the last chunk. */
    int free() {
        return chunks.isEmpty() ? 0 : last().length - used;
    }

    /** Records {@code length} bytes put into {@link #last()} at {@link #lastOffset()}. */
    void filled(int length) {
        used += length;
        size += length;
    }

    /** The bytes from the start, without copying them. */
    public InputStream stream() {
        return new InputStream() {
            private int chunk;
            private int within;

            private int limit(int index) {
                return index == chunks.size() - 1 ? used : chunks.get(index).length;
            }

            /** Moves to the next chunk with bytes left; false at the end. */
            private boolean ready() {
                while (chunk < chunks.size() && within >= limit(chunk)) {
                    chunk++;
                    within = 0;
                }
                return chunk < chunks.size();
            }

            @Override
            public int read() {
                return ready() ? chunks.get(chunk)[within++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                if (!ready()) {
                    return -1;
                }
                int n = Math.min(length, limit(chunk) - within);
                System.arraycopy(chunks.get(chunk), within, into, offset, n);
                within += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long skipped = 0;
                while (skipped < n && ready()) {
                    int step = (int) Math.min(n - skipped, limit(chunk) - within);
                    within += step;
                    skipped += step;
                }
                return skipped;
            }

            @Override
            public int available() {
                return ready() ? limit(chunk) - within : 0;
            }

            /** Writes the chunks themselves, without the copy through a buffer of InputStream's own. */
            @Override
            public long transferTo(OutputStream out) throws IOException {
                long moved = 0;
                while (ready()) {
                    int n = limit(chunk) - within;
                    out.write(chunks.get(chunk), within, n);
                    within += n;
                    moved += n;
                }
                return moved;
            }
        };
    }

    /** Lets go of the bytes. */
    public void clear() {
        chunks.clear();
        used = 0;
        size = 0;
        capacity = 0;
    }
}
