package dev.mmids.gradient.web.admission;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** What an Accept header allows of the API's answers: JSON or CBOR. */
final class AcceptedAnswers {

    private AcceptedAnswers() {}

    /** Whether an answer in JSON or CBOR is acceptable; no Accept header accepts anything. */
    static boolean takeJsonOrCbor(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                        || type.isCompatibleWith(MediaType.APPLICATION_CBOR)) {
                    return true;
                }
            }
            return false;
        } catch (InvalidMediaTypeException unreadable) {
            return true;
        }
    }
}
