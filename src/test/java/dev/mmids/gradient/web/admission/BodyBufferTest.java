package dev.mmids.gradient.web.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A buffer gives back, through its stream, exactly the bytes put into its chunks, read or transferred. */
class BodyBufferTest {

    /** Chunks of 7, 14, 28, 56, … bytes, filled 5 bytes at a time, the last one short. */
    private static BodyBuffer filled(byte[] bytes) {
        BodyBuffer buffer = new BodyBuffer();
        int offset = 0;
        while (offset < bytes.length) {
            if (buffer.full()) {
                buffer.grow(buffer.nextChunk(7));
            }
            offset += buffer.append(bytes, offset, Math.min(5, bytes.length - offset));
        }
        return buffer;
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    @Test
    void transferWritesEveryByteInOrderFromWhereTheReadsStopped() throws IOException {
        byte[] bytes = random(145);
        BodyBuffer buffer = filled(bytes);
        assertThat(buffer.size()).isEqualTo(145);
        assertThat(buffer.capacity()).isGreaterThan(145);

        InputStream stream = buffer.stream();
        byte[] start = stream.readNBytes(10); // across the first chunk's end
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        assertThat(stream.transferTo(rest)).isEqualTo(135);

        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(start);
        whole.write(rest.toByteArray());
        assertThat(whole.toByteArray()).isEqualTo(bytes);
        assertThat(stream.read()).isEqualTo(-1);
        assertThat(stream.transferTo(new ByteArrayOutputStream())).isZero();
    }

    @Test
    void readsAndTransfersAgree() throws IOException {
        byte[] bytes = random(1000);
        BodyBuffer buffer = filled(bytes);
        ByteArrayOutputStream transferred = new ByteArrayOutputStream();
        buffer.stream().transferTo(transferred);
        assertThat(transferred.toByteArray()).isEqualTo(bytes);
        assertThat(buffer.stream().readAllBytes()).isEqualTo(bytes);
    }
}
