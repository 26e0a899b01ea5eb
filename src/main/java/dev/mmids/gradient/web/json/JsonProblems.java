package dev.mmids.gradient.web.json;

import dev.mmids.gradient.web.model.LayerSpec;
import dev.mmids.gradient.web.model.LossSpec;
import dev.mmids.gradient.web.model.Sample;
import dev.mmids.gradient.web.problem.FieldError;
import dev.mmids.gradient.web.problem.MalformedJsonProblem;
import dev.mmids.gradient.web.problem.Problem;
import dev.mmids.gradient.web.problem.UnknownFieldProblem;
import dev.mmids.gradient.web.problem.WrongTypeProblem;
import java.util.List;
import java.util.Objects;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Reads what went wrong in Jackson's failure to bind a body, and says it without Jackson's words. */
public final class JsonProblems {

    private JsonProblems() {}

    public static Problem translate(HttpMessageNotReadableException e) {
        if (!(e.getCause() instanceof JacksonException cause)) {
            return new MalformedJsonProblem("the request body is empty or null; send a JSON object");
        }
        return translate(cause);
    }

    public static Problem translate(JacksonException cause) {
        String pointer = pointer(cause.getPath());
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new UnknownFieldProblem(
                    pointer,
                    unknown.getKnownPropertyIds().stream()
                            .map(Objects::toString)
                            .sorted()
                            .toList());
        }
        if (cause instanceof StreamConstraintsException) {
            return beyondParserLimits(cause, pointer);
        }
        if (cause instanceof InputCoercionException coercion) {
            return new WrongTypeProblem(pointer, expected(coercion.getTargetType(), false));
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return pointer.isEmpty()
                    ? new MalformedJsonProblem("the body must be a single JSON object, with nothing after it")
                    : new WrongTypeProblem(pointer, expected(mismatch.getTargetType(), isElement(cause)));
        }
        if (cause instanceof StreamReadException) {
            boolean repeated = String.valueOf(cause.getOriginalMessage()).startsWith("Duplicate");
            return new MalformedJsonProblem(
                    (repeated ? "the body repeats a key within one object" : "the body is not valid JSON")
                            + where(cause.getLocation()));
        }
        return new MalformedJsonProblem("the body could not be read as a JSON object");
    }

    /** Which of the parser's limits the body passed, with its value, and where when the path says. */
    private static Problem beyondParserLimits(JacksonException cause, String pointer) {
        String message = String.valueOf(cause.getOriginalMessage());
        String what;
        if (message.startsWith("Number value length")) {
            what = "a number longer than the " + JsonConfiguration.MAX_NUMBER_LENGTH
                    + " characters this server reads (a double needs at most 25)";
        } else if (message.startsWith("String value length") || message.startsWith("Name length")) {
            what = "a string longer than the " + JsonConfiguration.MAX_STRING_LENGTH + " characters this server reads";
        } else if (message.contains("nesting depth")) {
            what = "values nested deeper than the " + JsonConfiguration.MAX_NESTING_DEPTH + " levels this server reads";
        } else {
            what = "more than this server reads in one request (its length or its number of values)";
        }
        if (pointer.isEmpty()) {
            return new MalformedJsonProblem("the body holds " + what + where(cause.getLocation()));
        }
        return new MalformedJsonProblem(pointer + " holds " + what, List.of(new FieldError(pointer, "holds " + what)));
    }

    private static boolean isElement(JacksonException e) {
        return e.getPath().get(e.getPath().size() - 1).getIndex() >= 0;
    }

    /** The JSON Pointer of a Jackson path. */
    static String pointer(List<JacksonException.Reference> path) {
        JsonPointer pointer = JsonPointer.empty();
        for (JacksonException.Reference reference : path) {
            pointer = reference.getIndex() >= 0
                    ? pointer.appendIndex(reference.getIndex())
                    : pointer.appendProperty(Objects.toString(reference.getPropertyName(), ""));
        }
        return pointer.toString();
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** What belongs at a field of the target type, in JSON's words. */
    private static String expected(Class<?> type, boolean element) {
        if (type == null) {
            return "a value of another JSON type";
        }
        if (type == double[].class) {
            return element ? "a number" : "an array of numbers";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class) {
            return "an integer between 1 and 2147483647";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == LayerSpec.class) {
            return "a layer object, such as {\"type\": \"relu\"}";
        }
        if (type == LossSpec.class) {
            return "a loss object, such as {\"type\": \"cross_entropy\"}";
        }
        if (type == Sample.class) {
            return "a sample object {\"x\": [...], \"y\": [...]}";
        }
        return "a JSON object";
    }
}
