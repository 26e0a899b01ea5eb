package dev.mmids.gradient.web;

import static dev.mmids.gradient.web.GradientEndpointTest.EXAMPLE_3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Every computed answer says where the server's time went ({@code Server-Timing: parse, compute, write}, in
 * milliseconds); a problem does not, since nothing was computed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ServerTimingTest {

    private static final Pattern TIMING =
            Pattern.compile("parse;dur=(\\d+\\.\\d{3}), compute;dur=(\\d+\\.\\d{3}), write;dur=(\\d+\\.\\d{3})");

    @Autowired
    MockMvc mvc;

    @Test
    void aComputedAnswerSaysHowLongItsPartsTook() throws Exception {
        long before = System.nanoTime();
        String timing = mvc.perform(MockMvcRequestBuilders.post("/gradient")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(EXAMPLE_3))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getHeader("Server-Timing");
        double elapsed = (System.nanoTime() - before) / 1e6;
        assertThat(timing).isNotNull();
        Matcher parts = TIMING.matcher(timing);
        assertThat(parts.matches()).as(timing).isTrue();
        double total = 0;
        for (int k = 1; k <= 3; k++) {
            total += Double.parseDouble(parts.group(k));
        }
        assertThat(total).as("the parts fit in the request's time").isBetween(0.0, elapsed);
    }

    @Test
    void aProblemHasNone() throws Exception {
        mvc.perform(MockMvcRequestBuilders.post("/gradient")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(EXAMPLE_3.replace("\"x\"", "\"z\"")))
                .andExpect(status().isBadRequest())
                .andExpect(header().doesNotExist("Server-Timing"));
    }
}
