package dev.tribune.shared;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP settings shared by every endpoint.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 * @param corsAllowedOrigins browser origins allowed to call the API from another site (none by default)
 */
@Validated
@ConfigurationProperties("tribune.http")
record HttpProperties(@DefaultValue("64KB") DataSize maxRequestBody, @DefaultValue List<String> corsAllowedOrigins) {
}
