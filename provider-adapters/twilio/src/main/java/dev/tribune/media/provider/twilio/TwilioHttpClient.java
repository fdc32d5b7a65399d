package dev.tribune.media.provider.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.tribune.media.spi.ProviderUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The transport under twilio-java's generated resources. twilio-java has no base-URL setting (it always builds
 * {@code https://video.twilio.com/...}); its documented extension point is a custom {@link com.twilio.http.HttpClient},
 * so this one moves each request onto {@code tribune.rtc.twilio.base-url}, keeping path and query, and applies our
 * timeouts.
 *
 * <p>Retries: none of our own. twilio-java's {@code reliableRequest} already sends a request up to 3 times when the
 * answer is a 5xx (100 ms apart; never on 429, a timeout or a refused connection); on top of that the core's outbox
 * retries later with backoff. What is still failing after twilio-java's attempts (5xx or 429), and any connection
 * failure or timeout, is {@link ProviderUnavailable} here, so the status Twilio answered is never lost to its error
 * parser (a gateway's HTML 502 carries no Twilio JSON).
 */
class TwilioHttpClient extends com.twilio.http.HttpClient {

    private final URI baseUrl;
    private final Duration readTimeout;
    private final HttpClient http;

    TwilioHttpClient(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.baseUrl = baseUrl;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Response reliableRequest(Request request) {
        Response response = super.reliableRequest(request);
        int status = response.getStatusCode();
        if (status >= 500 || status == 429) {
            throw new ProviderUnavailable("Twilio answered " + status + " to " + request.getMethod() + " " + path(request)
                    + (status >= 500 ? " (after twilio-java's own retries)" : " (rate limited)") + ": " + excerpt(response.getContent()));
        }
        return response;
    }

    @Override
    public Response makeRequest(Request request) {
        URI target = target(request);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "tribune-twilio-adapter");
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            header.getValue().forEach(value -> builder.header(header.getKey(), value));
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.DELETE) {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        } else {
            // the Video resources send form parameters, PascalCase (RoomCreator, RoomUpdater, ParticipantUpdater)
            builder.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
            builder.method(method.toString(), HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Header[] headers = answer.headers().map().entrySet().stream()
                    .flatMap(h -> h.getValue().stream().map(v -> (Header) new BasicHeader(h.getKey(), v)))
                    .toArray(Header[]::new);
            return new Response(answer.body(), answer.statusCode(), headers);
        } catch (HttpTimeoutException e) {
            throw new ApiConnectionException("Twilio did not answer " + method + " " + target.getPath() + " within " + readTimeout, e);
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio could not be reached at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while calling Twilio", e);
        }
    }

    /** {@code https://video.twilio.com/v1/Rooms?x=y} becomes {@code <base-url>/v1/Rooms?x=y}. */
    URI target(Request request) {
        URL url = request.constructURL();
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + url.getFile());
    }

    private String path(Request request) {
        return request.constructURL().getPath();
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
