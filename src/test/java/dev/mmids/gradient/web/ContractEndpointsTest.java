package dev.mmids.gradient.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The contract is served as it is in the repository, and Swagger UI shows it rather than a generated one. */
@SpringBootTest
@AutoConfigureMockMvc
class ContractEndpointsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void servesTheRepositorysOpenapiYaml() throws Exception {
        mvc.perform(get("/openapi.yaml"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(ContractController.YAML))
                .andExpect(content().bytes(Files.readAllBytes(Path.of("openapi.yaml"))));
    }

    @Test
    void pointsSwaggerUiAtTheContract() throws Exception {
        mvc.perform(get("/swagger-ui.html"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/swagger-ui/index.html"));
        mvc.perform(get("/swagger-ui/index.html"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Swagger UI")));
        mvc.perform(get("/v3/api-docs/swagger-config"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value("/openapi.yaml"));
    }

    @Test
    void servesNoGeneratedSpec() throws Exception {
        for (String path : new String[] {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/default"}) {
            GradientEndpointTest.expectProblem(mvc.perform(get(path)), 404, "not-found")
                    .andExpect(jsonPath("$.detail").value(containsString("GET /openapi.yaml")));
        }
    }
}
