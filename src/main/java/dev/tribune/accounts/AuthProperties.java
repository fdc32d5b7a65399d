package dev.tribune.accounts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in and token settings.
 *
 * @param jwtSecret HS256 key for access tokens, at least 32 characters; generated and kept beside the data folder
 *                  when unset with the embedded database, required with an external one
 * @param jwtAcceptedSecrets other HS256 keys whose tokens are still accepted but never used to sign: rotating the key
 *                  without signing anyone out (add the new key here everywhere, then make it {@code jwt-secret} and
 *                  the old one accepted, then drop the old one after {@code token-ttl}; ops/README.md)
 * @param tokenTtl  how long an access token lives
 * @param refreshTtl how long an unused refresh token lives
 * @param refreshReuseGrace how long after a refresh token was spent it is honoured again (two tabs refreshing at
 *                          once); a reuse after this revokes the token's whole family
 * @param rateLimit how many sign-ins, registrations and guest sessions one client address may start
 * @param standingCache how long an instance trusts that an account it found active still is, without reading it
 *                      again ({@link RecentlyActive}); a suspension or deletion made on another instance reaches API
 *                      calls here within this (0: read on every request)
 */
@Validated
@ConfigurationProperties("tribune.auth")
record AuthProperties(
        // blank is unset: generated with the embedded database, refused with an external one (JwtSecretResolver)
        @Pattern(regexp = "(?s)\\s*|.{32,}", message = "must be at least 32 characters, e.g. the output of 'openssl rand -base64 48'")
        String jwtSecret,
        @DefaultValue List<@Pattern(regexp = "(?s).{32,}", message = "must be at least 32 characters") String> jwtAcceptedSecrets,
        @NotNull @DefaultValue("1h") Duration tokenTtl,
        @NotNull @DefaultValue("30d") Duration refreshTtl,
        @NotNull @DefaultValue("10s") Duration refreshReuseGrace,
        @Valid @DefaultValue Limit rateLimit,
        @NotNull @DefaultValue("5s") Duration standingCache) {

    record Limit(@Min(1) @DefaultValue("20") int permits, @NotNull @DefaultValue("1m") Duration window) {
    }
}
