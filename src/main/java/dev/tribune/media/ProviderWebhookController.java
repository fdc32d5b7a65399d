package dev.tribune.media;

import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import dev.tribune.media.spi.WebhookUrls;
import dev.tribune.shared.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /api/v1/webhooks/{provider}: the vendor's own callbacks; 404 for a provider that is not active or sends none
 * (mesh; janus without {@code tribune.rtc.janus.events-secret}). The adapter checks the signature its vendor's way
 * before anything is believed (401 otherwise); what it reports is then applied in one transaction. Vendors retry
 * until they get a 2xx, so a callback about something Tribune does not know is still answered 200.
 */
@RestController
@Tag(name = "Provider webhooks")
class ProviderWebhookController {

    private final RtcProviders providers;
    private final ProviderReports reports;
    private final WebhookUrls urls;

    ProviderWebhookController(RtcProviders providers, ProviderReports reports, WebhookUrls urls) {
        this.providers = providers;
        this.reports = reports;
        this.urls = urls;
    }

    @PostMapping("/api/v1/webhooks/{provider}")
    @Operation(summary = "A vendor's callback (participant joined/left, track published, room ended), signed the vendor's way")
    ResponseEntity<Void> receive(@PathVariable String provider, HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        if (!providers.active().contains(provider) || !providers.of(provider).receivesWebhooks()) {
            throw ApiException.notFound("No active provider called '" + provider + "' sends callbacks here.");
        }
        RtcProvider adapter = providers.of(provider);
        byte[] raw = body == null ? new byte[0] : body;
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        WebhookCall call = new WebhookCall(urls.at(path), headers(request), raw, form(request, raw));
        List<ProviderReport> said;
        try {
            said = adapter.webhook(call);
        } catch (WebhookRejected e) {
            throw ApiException.unauthorized("The " + provider + " callback's signature is missing or wrong.");
        }
        reports.apply(provider, said);
        return ResponseEntity.ok().build();
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static Map<String, String> form(HttpServletRequest request, byte[] body) {
        String type = request.getContentType();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(type))) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }
}
