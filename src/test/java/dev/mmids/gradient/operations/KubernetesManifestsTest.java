package dev.mmids.gradient.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.yaml.snakeyaml.Yaml;

/** deploy/kubernetes parses, and its probes ask for paths the application really serves. */
@SpringBootTest
@AutoConfigureMockMvc
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes");

    @Autowired
    MockMvc mvc;

    @Test
    void theProbesAskForPathsTheApplicationServes() throws Exception {
        Map<String, Object> container = container();
        List<Map<String, Object>> ports = list(container.get("ports"));
        assertThat(ports).singleElement().satisfies(port -> assertThat(port).containsEntry("containerPort", 8080));

        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
            assertThat(httpGet.get("port")).as(probe).isEqualTo(ports.get(0).get("name"));
            mvc.perform(get((String) httpGet.get("path")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"));
        }
        assertThat(map(container.get("resources"))).containsKeys("requests", "limits");
    }

    @Test
    void theServiceAndTheAutoscalerPointAtTheDeployment() throws IOException {
        Map<String, Object> deployment = read("deployment.yaml");
        Map<String, Object> service = read("service.yaml");
        Map<String, Object> autoscaler = read("hpa.yaml");
        String name = (String) map(deployment.get("metadata")).get("name");
        Map<String, Object> labels =
                map(map(map(map(deployment.get("spec")).get("template")).get("metadata"))
                        .get("labels"));

        assertThat(service.get("kind")).isEqualTo("Service");
        assertThat(labels).containsAllEntriesOf(map(map(service.get("spec")).get("selector")));
        assertThat(list(map(service.get("spec")).get("ports")).get(0)).containsEntry("targetPort", "http");
        assertThat(autoscaler.get("kind")).isEqualTo("HorizontalPodAutoscaler");
        assertThat(map(map(autoscaler.get("spec")).get("scaleTargetRef")))
                .containsEntry("kind", "Deployment")
                .containsEntry("name", name);
    }

    @Test
    void theContainerRunsAsTheImagesUser() throws IOException {
        Map<String, Object> pod = map(
                map(map(read("deployment.yaml").get("spec")).get("template")).get("spec"));
        Map<String, Object> security = map(pod.get("securityContext"));
        assertThat(security).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("USER 10001:10001");
    }

    private static Map<String, Object> container() throws IOException {
        Map<String, Object> pod = map(
                map(map(read("deployment.yaml").get("spec")).get("template")).get("spec"));
        return list(pod.get("containers")).get(0);
    }

    private static Map<String, Object> read(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(MANIFESTS.resolve(file))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
