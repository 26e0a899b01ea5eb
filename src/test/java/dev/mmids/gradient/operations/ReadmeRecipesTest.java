package dev.mmids.gradient.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's Python recipes are the files CI runs (clients/recipes/run.sh), word for word, so that what
 * a reader copies is what was run.
 */
class ReadmeRecipesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pytorch_gradient.py", "train_over_cbor.py"})
    void theReadmeShowsTheRecipeThatRuns(String recipe) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String code = Files.readString(Path.of("clients/recipes", recipe));

        assertThat(readme).contains("```python\n" + code + "```");
    }
}
