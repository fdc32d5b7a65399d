package dev.tribune.media.spi;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where vendors call us back. Behind a proxy the request's own URL is not the one the vendor signed (Twilio signs the
 * full URL it called), so both the callback address given to the vendor and the one checked come from here.
 *
 * @param publicUrl the service's external base URL, e.g. https://tribune.example.org
 */
@Validated
@ConfigurationProperties("tribune")
public record WebhookUrls(
        @NotBlank @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL without query or fragment")
        @DefaultValue("http://localhost:8080") String publicUrl) {

    /** The callback URL for one provider: {@code <public-url>/api/v1/webhooks/<provider>}. */
    public String forProvider(String provider) {
        return base() + "/api/v1/webhooks/" + provider;
    }

    /** The public URL a request path was reached at. */
    public String at(String pathAndQuery) {
        return base() + pathAndQuery;
    }

    private String base() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
