/**
 * The media SPI: everything a provider adapter ({@code dev.tribune.media.provider.<vendor>}) may use of Tribune, and
 * nothing else (ArchitectureTests; ADR 0005). The port, its value types, the webhook types, and the few core services
 * an adapter needs, each as a small interface the core implements.
 */
@NamedInterface("spi")
package dev.tribune.media.spi;

import org.springframework.modulith.NamedInterface;
