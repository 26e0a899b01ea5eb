package dev.mmids.gradient.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A failure nobody foresaw is a 500 problem that tells nothing of the failure's internals. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(InternalErrorTest.FailingController.class)
class InternalErrorTest {

    @RestController
    static class FailingController {
        @GetMapping("/test/failure")
        String fail() {
            throw new IllegalStateException("secret detail of com.example.Library");
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void answersAnUnexpectedFailureWithAProblemThatRevealsNothing() throws Exception {
        GradientEndpointTest.expectProblem(mvc.perform(get("/test/failure")), 500, "internal-error")
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))))
                .andExpect(content().string(not(containsString("com.example"))));
    }
}
