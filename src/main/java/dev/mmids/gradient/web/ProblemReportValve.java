package dev.mmids.gradient.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word on a request that never reached the application, such as one whose URL Tomcat
 * cannot decode: a problem in JSON in place of Tomcat's HTML error page. Public because Tomcat
 * creates it by its class name.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemKind kind = ProblemKind.forStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", kind == null ? "about:blank" : kind.type().toString());
        problem.put("title", kind != null ? kind.title() : known != null ? known.getReasonPhrase() : "Error");
        problem.put("status", status);
        problem.put(
                "detail",
                status == 400
                        ? "the server could not read the request: its line, URL or headers are malformed"
                        : "the server could not answer the request (status " + status + ")");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response is already committed: nothing more to say.
        }
    }
}
