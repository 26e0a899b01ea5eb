package dev.mmids.gradient.web;

import java.util.List;

/** A body in an encoding the service does not read: it would be parsed as garbage, so it is a 415. */
class UnsupportedBodyEncodingException extends RequestProblemException {

    private UnsupportedBodyEncodingException(String detail) {
        super(ProblemKind.UNSUPPORTED_MEDIA_TYPE, detail, List.of());
    }

    /** A body sent with a Content-Encoding such as gzip. */
    static UnsupportedBodyEncodingException contentCoding(String encoding) {
        return new UnsupportedBodyEncodingException("the request body is sent with Content-Encoding " + encoding
                + ", which the service does not decode; send it without a content coding (identity)");
    }

    /** A JSON body declared in a charset other than UTF-8. */
    static UnsupportedBodyEncodingException charset(String contentType) {
        return new UnsupportedBodyEncodingException("the body is declared as " + contentType
                + "; JSON is read as UTF-8 (RFC 8259): send it so, with charset=utf-8 or no charset");
    }
}
