package dev.tribune.media.spi;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A vendor callback as it arrived, with what each vendor's signature needs: the URL the vendor called (built from
 * {@code tribune.public-url}, since behind a proxy the request's own URL is not what was signed), the headers, the
 * raw body, and the form parameters when the body was form-encoded.
 *
 * @param headers    header names in lower case
 * @param formParams decoded form parameters, in the order they came; empty unless the body was form-encoded
 */
public record WebhookCall(String url, Map<String, List<String>> headers, byte[] body, Map<String, String> formParams) {

    public WebhookCall {
        headers = Map.copyOf(headers);
        body = body.clone();
        formParams = Collections.unmodifiableMap(new LinkedHashMap<>(formParams));
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
