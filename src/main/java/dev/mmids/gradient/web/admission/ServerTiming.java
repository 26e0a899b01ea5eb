package dev.mmids.gradient.web.admission;

import java.util.Optional;

/**
 * The {@code Server-Timing} header of a computed answer (W3C Server Timing): where the server's time went,
 * in milliseconds, so that a client can split its own time without scraping metrics. {@code parse} runs
 * from the computation slot to the parsed request, {@code compute} from there to the first byte of the
 * answer (checks, the engine, and the answer's assembly), {@code write} from there to the last byte of the
 * answer written into memory. The time the body took to arrive, and the answer to leave, is the network's.
 */
final class ServerTiming {

    static final String HEADER = "Server-Timing";

    private ServerTiming() {}

    /**
     * The header's value from the moments ({@link System#nanoTime}) the computation started, the request was
     * parsed, the answer's first byte was written and its last; empty when a moment is missing (no body was
     * parsed, or no answer written).
     */
    static Optional<String> of(long started, long parsed, long firstWrite, long ended) {
        if (parsed == 0 || firstWrite == 0 || parsed < started || firstWrite < parsed || ended < firstWrite) {
            return Optional.empty();
        }
        StringBuilder timing = new StringBuilder(64);
        millis(timing.append("parse;dur="), parsed - started);
        millis(timing.append(", compute;dur="), firstWrite - parsed);
        millis(timing.append(", write;dur="), ended - firstWrite);
        return Optional.of(timing.toString());
    }

    /** Milliseconds with three decimals, written without a formatter (it runs on every answer). */
    private static void millis(StringBuilder to, long nanos) {
        long micros = (nanos + 500) / 1000;
        long fraction = micros % 1000;
        to.append(micros / 1000).append('.');
        if (fraction < 100) {
            to.append('0');
        }
        if (fraction < 10) {
            to.append('0');
        }
        to.append(fraction);
    }
}
