package dev.tribune.shared;

import java.io.IOException;

/** Raised while reading a body that has no Content-Length and grows past the limit. */
class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }
}
