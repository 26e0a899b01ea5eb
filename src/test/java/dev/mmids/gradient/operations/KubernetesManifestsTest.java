package dev.mmids.gradient.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes parses, its probes ask the management port for paths the application really serves
 * there, the pod keeps the image's JVM options, warms up before it is ready and waits for a graceful
 * shutdown to end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes");

    @LocalManagementPort
    int managementPort;

    @Value("${spring.lifecycle.timeout-per-shutdown-phase}")
    Duration shutdownGrace;

    @Test
    void theProbesAskTheManagementPortForPathsTheApplicationServes() throws Exception {
        Map<String, Object> container = container();
        Map<String, Integer> ports = new java.util.HashMap<>();
        for (Map<String, Object> port : list(container.get("ports"))) {
            ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
        }
        Properties defaults = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            defaults.load(reader);
        }
        assertThat(ports)
                .containsEntry("http", Integer.valueOf(defaults.getProperty("server.port")))
                .containsEntry("management", Integer.valueOf(defaults.getProperty("management.server.port")));

        HttpClient client = HttpClient.newHttpClient();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
            assertThat(httpGet.get("port")).as(probe).isEqualTo("management");
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + httpGet.get("path")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).contains("\"status\":\"UP\"");
        }
        assertThat(map(container.get("resources"))).containsKeys("requests", "limits");
        Map<String, Object> annotations =
                map(map(map(map(read("deployment.yaml").get("spec")).get("template"))
                                .get("metadata"))
                        .get("annotations"));
        assertThat(annotations).containsEntry("prometheus.io/port", defaults.getProperty("management.server.port"));
    }

    @Test
    void thePodWaitsForAGracefulShutdownToEnd() throws IOException {
        Map<String, Object> pod = map(
                map(map(read("deployment.yaml").get("spec")).get("template")).get("spec"));
        assertThat(Duration.ofSeconds(((Number) pod.get("terminationGracePeriodSeconds")).longValue()))
                .isGreaterThan(shutdownGrace);
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
    void thePodKeepsTheImagesJvmOptionsAndWarmsUpBeforeItIsReady() throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        for (Map<String, Object> variable : list(container().get("env"))) {
            env.put((String) variable.get("name"), String.valueOf(variable.get("value")));
        }
        // the Deployment's JAVA_TOOL_OPTIONS replaces the image's: it must keep them all (G1 above all, which
        // the image's AOT cache was made with, or the JVM ignores the cache)
        Matcher image =
                Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(image.find()).isTrue();
        assertThat(env).containsEntry("JAVA_TOOL_OPTIONS", image.group(1));
        assertThat(DurationStyle.detectAndParse(env.get("GRADIENT_WARM_UP_DURATION")))
                .isPositive();
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
