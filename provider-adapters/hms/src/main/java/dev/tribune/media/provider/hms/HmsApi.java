package dev.tribune.media.provider.hms;

import dev.tribune.media.spi.ProviderMisconfigured;
import dev.tribune.media.spi.ProviderUnavailable;
import java.net.http.HttpClient;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 100ms REST API (v2): JSON over HTTPS, authenticated with the management token. Maps the vendor's answers onto
 * what the core expects: unreachable, timed out, 5xx or 429 is {@link ProviderUnavailable} (the outbox retries later);
 * 404 is handed back to the caller, who knows whether "not there" means done; 401 and 403 are Tribune's credentials
 * refused, {@link ProviderMisconfigured}; any other 4xx is a bug or a misconfiguration, an
 * {@link IllegalStateException} carrying 100ms' own message.
 *
 * <p>The one retry here: a 401 means the management token was refused (rotated app secret, a clock far off), so a
 * fresh token is minted and that same call is sent once more. It is not a retry of a failure (those are the outbox's
 * job, with backoff) and it cannot multiply: a second 401 is an error.
 */
class HmsApi {

    private final HttpClient client;
    private final RestClient http;
    private final HmsTokens tokens;
    private final JsonMapper json = JsonMapper.builder().build();

    HmsApi(HmsProperties properties, HmsTokens tokens) {
        this.tokens = tokens;
        boolean tls = "https".equals(properties.baseUrl().getScheme());
        this.client = HttpClient.newBuilder()
                // HTTP/2 comes by ALPN over TLS; over plain http (tests, a local proxy) the JDK would try an h2c
                // upgrade on each new connection, which servers handle unevenly (WireMock's Jetty fails some:
                // wiremock/wiremock#2637, #3577), for nothing
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.http = RestClient.builder()
                .requestFactory(requests)
                .baseUrl(properties.baseUrl().toString())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    private record Raw(int status, byte[] body) {
    }

    /** Stops the HTTP client's threads (the context is closing). */
    void close() {
        client.close();
    }

    /** GET {@code path} (a URI template, relative to the base URL): the answer's JSON, or empty on 404. */
    Optional<JsonNode> get(String path, Object... vars) {
        return call(HttpMethod.GET, path, vars, null);
    }

    /** POST {@code body} as JSON to {@code path}: the answer's JSON, or empty on 404. */
    Optional<JsonNode> post(String path, Object body, Object... vars) {
        return call(HttpMethod.POST, path, vars, body);
    }

    private Optional<JsonNode> call(HttpMethod method, String path, Object[] vars, Object body) {
        String token = tokens.management();
        Raw answer = send(method, path, vars, body, token);
        if (answer.status() == 401) {
            tokens.managementRefused(token);
            answer = send(method, path, vars, body, tokens.management());
        }
        String what = method + " " + UriComponentsBuilder.fromUriString(path).buildAndExpand(vars).toUriString();
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return Optional.of(parse(answer.body(), what));
        }
        if (status == 404) {
            return Optional.empty();
        }
        String said = message(answer.body());
        if (status == 429 || status >= 500) {
            throw new ProviderUnavailable("100ms answered " + status + " to " + what + said);
        }
        if (status == 401) {
            throw new ProviderMisconfigured("100ms refused the management token (401) for " + what + said
                    + ". Check tribune.rtc.hms.access-key and tribune.rtc.hms.app-secret (and this machine's clock).");
        }
        if (status == 403) {
            throw new ProviderMisconfigured("100ms says the management token may not " + what + " (403)" + said
                    + ". Check that tribune.rtc.hms.access-key belongs to the workspace of tribune.rtc.hms.template-id.");
        }
        throw new IllegalStateException("100ms refused " + what + " (" + status + ")" + said);
    }

    private Raw send(HttpMethod method, String path, Object[] vars, Object body, String token) {
        try {
            RestClient.RequestBodySpec request = http.method(method).uri(path, vars).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(body));
            }
            return request.exchange((req, response) -> new Raw(response.getStatusCode().value(), response.getBody().readAllBytes()));
        } catch (ResourceAccessException e) {
            // connection refused, reset, or no answer within the timeouts
            Throwable cause = e.getMostSpecificCause();
            throw new ProviderUnavailable("100ms could not be reached (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", e);
        }
    }

    private JsonNode parse(byte[] body, String what) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            // a proxy's error page, a truncated answer: nothing we can act on now, so try again later
            throw new ProviderUnavailable("100ms answered " + what + " with something that is not JSON", e);
        }
    }

    /** 100ms' 4xx body is {@code {"code":..,"message":"..","details":[..]}}; quote what it says. */
    private String message(byte[] body) {
        try {
            JsonNode error = json.readTree(body);
            String message = error.path("message").asString("");
            JsonNode details = error.path("details");
            String detail = details.isArray() && !details.isEmpty() ? " " + details : "";
            return message.isBlank() && detail.isBlank() ? "" : ": " + message + detail;
        } catch (JacksonException e) {
            return "";
        }
    }
}
