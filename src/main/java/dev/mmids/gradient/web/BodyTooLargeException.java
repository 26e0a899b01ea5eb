package dev.mmids.gradient.web;

import java.util.List;
import org.springframework.util.unit.DataSize;

/** A body larger than {@code gradient.limits.max-body-size}. */
class BodyTooLargeException extends RequestProblemException {

    /** @param size the declared size in bytes, or -1 when the body is chunked */
    BodyTooLargeException(DataSize limit, long size) {
        super(
                ProblemKind.PAYLOAD_TOO_LARGE,
                "the request body" + (size < 0 ? "" : " of " + size + " bytes")
                        + " is larger than this server's limit of "
                        + limit.toBytes() + " bytes; send smaller requests: with"
                        + " \"reduction\": \"sum\" the gradient of a batch is the sum of the gradients of its parts",
                List.of());
    }
}
