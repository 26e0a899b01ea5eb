package dev.mmids.gradient.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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
            return Problems.response(
                    problems.of(ProblemKind.NOT_FOUND, "there is no resource at /error", List.of(), request));
        }
        ProblemKind kind = ProblemKind.forStatus(status);
        HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
        String detail = switch (status) {
            case 400 -> "the server could not read the request (its line, headers or encoding)";
            case 404 -> "there is no resource at " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            case 500 -> ProblemHandler.INTERNAL_ERROR_DETAIL;
            default -> statusCode instanceof HttpStatus known ? known.getReasonPhrase() : "error " + status;
        };
        return Problems.response(
                kind != null
                        ? problems.of(kind, detail, List.of(), request)
                        : problems.ofStatus(statusCode, detail, request));
    }
}
