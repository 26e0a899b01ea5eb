package dev.mmids.gradient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * {@code GET /} answers the student page, and the page and its script and style come from the service
 * itself: no address of another host in them. {@code clients/browser/student-page.mjs} uses the page in
 * headless Chromium.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StudentPageTest {

    /** Any absolute URL but the SVG namespace, which names and fetches nothing. */
    private static final Pattern ELSEWHERE =
            Pattern.compile("(?i)(https?:)?//(?!www\\.w3\\.org/2000/svg)[a-z0-9.-]+\\.[a-z]");

    @Autowired
    MockMvc mvc;

    @Test
    void servesThePageAndEverythingItNeeds() throws Exception {
        // Spring's welcome page: / forwards to index.html, which MockMvc does not follow
        mvc.perform(MockMvcRequestBuilders.get("/")).andExpect(status().isOk()).andExpect(forwardedUrl("index.html"));
        String page = get("/index.html", MediaType.TEXT_HTML);
        assertThat(page)
                .contains("student/page.js")
                .contains("student/page.css")
                .contains("Backpropagation");
        for (String[] file :
                new String[][] {{"/student/page.js", "text/javascript"}, {"/student/page.css", "text/css"}}) {
            String text = get(file[0], MediaType.parseMediaType(file[1]));
            assertThat(ELSEWHERE.matcher(text).find())
                    .as(file[0] + " names another host")
                    .isFalse();
        }
        assertThat(ELSEWHERE.matcher(page).find())
                .as("the page names another host")
                .isFalse();
    }

    private String get(String path, MediaType type) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(type))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
