package dev.tribune.media;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider the default RTC provider for new rooms; must be an active one
 */
@ConfigurationProperties("tribune.rtc")
record RtcProperties(@DefaultValue("mesh") String provider) {
}
