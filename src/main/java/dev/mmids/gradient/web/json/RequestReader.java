package dev.mmids.gradient.web.json;

import dev.mmids.gradient.backprop.compute.DeadlineExceededException;
import dev.mmids.gradient.web.admission.Admitted;
import dev.mmids.gradient.web.model.ApiRequest;
import dev.mmids.gradient.web.problem.MalformedJsonProblem;
import dev.mmids.gradient.web.problem.Problem;
import dev.mmids.gradient.web.problem.UnsupportedMediaTypeProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Reads an {@link ApiRequest} from the body the request's {@link Admitted} holds, and hands controllers
 * that {@link Admitted}. JSON and CBOR are read by two mappers configured by the same rules ({@link
 * JsonConfiguration}); a CBOR body's tags are checked first ({@link CborScan}). The parse charges what
 * it allocates to the request's memory as it goes ({@link AccountedParser}) and runs under the request's
 * deadline; once it is done, the body's bytes are let go of.
 */
@Component
public class RequestReader implements HandlerMethodArgumentResolver {

    private final JsonMapper json;
    private final CBORMapper cbor;

    /** The readers of each request type, made once per format: making one looks its deserializer up. */
    private final Map<Class<?>, ObjectReader> jsonReaders = new ConcurrentHashMap<>();

    private final Map<Class<?>, ObjectReader> cborReaders = new ConcurrentHashMap<>();

    RequestReader(JsonMapper json, CBORMapper cbor) {
        this.json = json;
        this.cbor = cbor;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return ApiRequest.class.isAssignableFrom(parameter.getParameterType())
                || parameter.getParameterType() == Admitted.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders)
            throws IOException {
        Admitted exchange = Admitted.of(request)
                .orElseThrow(() -> new MalformedJsonProblem("the request has no body; send a JSON object"));
        if (parameter.getParameterType() == Admitted.class) {
            return exchange;
        }
        return read(exchange, parameter.getParameterType(), request.getHeader("Content-Type"));
    }

    /** The body as a {@code type}, parsed in the format of its content type. */
    Object read(Admitted exchange, Class<?> type, String contentType) {
        MediaType media = MediaType.parseMediaType(contentType == null ? "" : contentType);
        boolean isCbor = MediaType.APPLICATION_CBOR.includes(media);
        if (!isCbor) {
            requireUtf8(media);
        }
        ObjectMapper mapper = isCbor ? cbor : json;
        ObjectReader reader = (isCbor ? cborReaders : jsonReaders).computeIfAbsent(type, mapper::readerFor);
        try {
            // the parse's whole memory, reserved at once: a parse never holds part of the budget waiting for more
            long cost =
                    isCbor ? CborScan.check(exchange.body(), JsonConfiguration.MAX_NESTING_DEPTH) : jsonCost(exchange);
            exchange.parsing(cost);
            return parse(exchange, mapper, reader, cost);
        } catch (JacksonException e) {
            throw ownCause(e).orElseGet(() -> JsonProblems.translate(e));
        }
    }

    /**
     * A body the count cannot follow is left to the parse to refuse, which says where the fault is; until
     * then, the parse charges as it goes.
     */
    private static long jsonCost(Admitted exchange) {
        return JsonOutline.cost(exchange.bodyStream(), JsonConfiguration.MAX_NESTING_DEPTH, exchange.deadline());
    }

    private Object parse(Admitted exchange, ObjectMapper mapper, ObjectReader reader, long reserved) {
        try (AccountedParser parser = new AccountedParser(
                mapper.createParser(exchange.bodyStream()), exchange::parsing, exchange.deadline(), reserved)) {
            Object value = reader.readValue((JsonParser) parser);
            if (value == null) {
                throw new MalformedJsonProblem("the body must be a single JSON object, not null");
            }
            if (parser.nextToken() != null) {
                throw new MalformedJsonProblem("the body must be a single JSON object, with nothing after it");
            }
            exchange.parsed(parser.kept());
            return value;
        } catch (JacksonException e) {
            throw ownCause(e).orElseGet(() -> JsonProblems.translate(e));
        }
    }

    /**
     * A refusal of the parse's own (no memory left, the deadline passed) that Jackson wrapped on its way out
     * of a deserializer.
     */
    private static java.util.Optional<RuntimeException> ownCause(JacksonException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof Problem || cause instanceof DeadlineExceededException) {
                return java.util.Optional.of((RuntimeException) cause);
            }
        }
        return java.util.Optional.empty();
    }

    /** JSON is UTF-8 (RFC 8259); a body declared in another charset would be misread. */
    private static void requireUtf8(MediaType media) {
        String charset = media.getParameter("charset");
        if (charset != null && !charset.replace("\"", "").equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw UnsupportedMediaTypeProblem.charset(media.toString());
        }
    }
}
