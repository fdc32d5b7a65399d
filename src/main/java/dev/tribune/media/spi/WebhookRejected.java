package dev.tribune.media.spi;

/** A callback whose signature is missing or wrong: answered 401, and nothing it says is believed. */
public class WebhookRejected extends RuntimeException {

    public WebhookRejected(String message) {
        super(message);
    }
}
