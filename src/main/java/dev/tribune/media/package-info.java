/**
 * Media: the {@code RtcProvider} SPI the core speaks to, and the provider adapters under {@code media.provider.<vendor>},
 * compiled from {@code provider-adapters/<vendor>/}.
 */
@ApplicationModule(displayName = "Media")
package dev.tribune.media;

import org.springframework.modulith.ApplicationModule;
