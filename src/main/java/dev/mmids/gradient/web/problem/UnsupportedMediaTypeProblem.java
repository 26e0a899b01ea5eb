package dev.mmids.gradient.web.problem;

import java.util.List;

/** A body in an encoding the service does not read: it would be parsed as garbage, so it is a 415. */
public class UnsupportedMediaTypeProblem extends Problem {

    private UnsupportedMediaTypeProblem(String detail) {
        super(ProblemKind.UNSUPPORTED_MEDIA_TYPE, detail, List.of());
    }

    /** A body sent with a Content-Encoding such as gzip. */
    public static UnsupportedMediaTypeProblem contentCoding(String encoding) {
        return new UnsupportedMediaTypeProblem("the request body is sent with Content-Encoding " + encoding
                + ", which the service does not decode; send it without a content coding (identity)");
    }

    /** A JSON body declared in a charset other than UTF-8. */
    public static UnsupportedMediaTypeProblem charset(String contentType) {
        return new UnsupportedMediaTypeProblem("the body is declared as " + contentType
                + "; JSON is read as UTF-8 (RFC 8259): send it so, with charset=utf-8 or no charset");
    }
}
