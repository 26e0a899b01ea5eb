package dev.mmids.gradient.web.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmids.gradient.backprop.compute.Deadline;
import dev.mmids.gradient.backprop.compute.DeadlineExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outline's count of what a parse will charge is the count Jackson's tokens give (the tokens the
 * parse sees), and never below it: equal for ASCII strings without escapes, above it for the rest.
 */
class JsonOutlineTest {

    private static final int DEPTH = JsonConfiguration.MAX_NESTING_DEPTH;

    private final JsonMapper json = JsonMapper.builder()
            .enable(tools.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** The count from Jackson's tokens: the reference. */
    private long tokenCost(String body) {
        AccountedParser.Cost cost = new AccountedParser.Cost();
        try (JsonParser tokens = json.createParser(body.getBytes(StandardCharsets.UTF_8))) {
            for (JsonToken token = tokens.nextToken(); token != null; token = tokens.nextToken()) {
                switch (token) {
                    case START_OBJECT -> cost.open(false);
                    case START_ARRAY -> cost.open(true);
                    case END_OBJECT, END_ARRAY -> cost.close();
                    case VALUE_STRING -> cost.string(tokens.getStringLength());
                    case PROPERTY_NAME -> {}
                    default -> cost.scalar();
                }
            }
        }
        return cost.bytes();
    }

    private static long outlineCost(String body) {
        return JsonOutline.cost(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), DEPTH, Deadline.NONE);
    }

    /** The course's example 3, as the README sends it. */
    private static final String COURSE = """
            {"layers": [{"type": "linear", "outputs": 2, "bias": false, "parameters": [0, 1, -1, 2, 0, 1]},
                        {"type": "sigmoid"},
                        {"type": "linear", "outputs": 2, "bias": false, "parameters": [-1, 0, 2, -1]},
                        {"type": "softmax"}],
             "loss": {"type": "cross_entropy"}, "x": [1, 0, -1], "y": [0, 1]}""";

    @Test
    void theServicesOwnBodiesCountAsTheirTokensDo() throws IOException {
        assertThat(outlineCost(COURSE)).isEqualTo(tokenCost(COURSE));
        // the golden files: PyTorch's cases, each with its request, in documents of up to 700 KB
        List<Path> files;
        try (Stream<Path> paths = Files.list(Path.of("src/test/resources/golden"))) {
            files = paths.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            String body = Files.readString(file);
            assertThat(outlineCost(body)).as(file.toString()).isEqualTo(tokenCost(body));
        }
    }

    @Test
    void randomBodiesCountAsTheirTokensDoOrAbove() {
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < 2000; k++) {
            boolean plain = k % 2 == 0;
            String body = value(random, 0, plain);
            long tokens = tokenCost(body);
            long outline = outlineCost(body);
            if (plain) {
                assertThat(outline).as(body).isEqualTo(tokens);
            } else {
                assertThat(outline).as(body).isGreaterThanOrEqualTo(tokens);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\": [1, 2, 3]", // cut short
                "[1, 2}", // unbalanced
                "{\"a\": \"open", // a string that never ends
                "[[[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]]]" // 17 deep, one more than the parser allows
            })
    void aBodyTheOutlineCannotFollowCountsZero(String body) {
        assertThat(outlineCost(body)).isZero();
    }

    @Test
    void theDeepestBodyTheParserTakesIsCounted() {
        String body = "[".repeat(DEPTH) + "0" + "]".repeat(DEPTH);
        assertThat(outlineCost(body)).isEqualTo(tokenCost(body)).isPositive();
    }

    @Test
    void stringsWithEscapesAndWideCharactersCountAtLeastTheirCharacters() {
        String body = "{\"x\": [\"\\u00e9\\n\\\"\", \"é😀\", \"\\\\\"], \"k\\\"ey\": \"v\"}";
        assertThat(outlineCost(body)).isGreaterThan(tokenCost(body));
        assertThat(tokenCost(body)).isPositive();
    }

    @Test
    void theCountStopsAtTheDeadline() {
        String body = "[" + "0, ".repeat(100_000) + "0]";
        Deadline passed = Deadline.after(Duration.ZERO);
        assertThatThrownBy(() -> JsonOutline.cost(
                        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), DEPTH, passed))
                .isInstanceOf(DeadlineExceededException.class);
    }

    /** A random JSON value; plain: its strings are ASCII without escapes. */
    private static String value(SplittableRandom random, int depth, boolean plain) {
        int kind = random.nextInt(depth >= 6 ? 3 : 5);
        String space = random.nextInt(4) == 0 ? " \n\t" : "";
        return space
                + switch (kind) {
                    case 0 ->
                        List.of("0", "-1.5e-3", "12345678901234567890", "true", "false", "null", "NaN", "-Infinity")
                                .get(random.nextInt(8));
                    case 1 -> string(random, plain);
                    case 2 -> "[]";
                    case 3 -> {
                        StringBuilder array = new StringBuilder("[");
                        int n = 1 + random.nextInt(5);
                        for (int i = 0; i < n; i++) {
                            array.append(i == 0 ? "" : ",").append(value(random, depth + 1, plain));
                        }
                        yield array.append(space).append(']').toString();
                    }
                    default -> {
                        StringBuilder object = new StringBuilder("{");
                        int n = random.nextInt(4);
                        for (int i = 0; i < n; i++) {
                            object.append(i == 0 ? "" : ", ")
                                    .append(string(random, plain))
                                    .append(space)
                                    .append(':')
                                    .append(value(random, depth + 1, plain));
                        }
                        yield object.append('}').toString();
                    }
                }
                + space;
    }

    private static String string(SplittableRandom random, boolean plain) {
        StringBuilder text = new StringBuilder("\"");
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (plain) {
                text.append((char) ('a' + random.nextInt(26)));
            } else {
                text.append(List.of("a", "\\\"", "\\\\", "\\n", "\\u00e9", "é", "😀", "[", "{", ",", ":", "}", "]")
                        .get(random.nextInt(13)));
            }
        }
        return text.append('"').toString();
    }
}
