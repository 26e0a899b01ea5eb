package dev.mmids.gradient.web.server;

import dev.mmids.gradient.web.problem.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the errors that never reach a controller (a request Tomcat rejects, an exception in a
 * filter) with a problem too, in place of Spring Boot's {@code {timestamp, error}} body.
 */
@RestController
class ErrorPageController implements ErrorController {

    private final Problems problems;

    ErrorPageController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            return Problems.response(problems.ofStatus(404, "there is no resource at /error", request));
        }
        String detail = status == 404
                ? "there is no resource at " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                : null;
        return Problems.response(problems.ofStatus(status, detail, request));
    }
}
