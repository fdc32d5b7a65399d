package dev.tribune.shared;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Compiled only into the {@code -Pjetty} build (ADR 0009); {@code TomcatPathDecoding} is its Tomcat counterpart. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Server.class)
class JettyPathDecoding {

    /**
     * An encoded backslash ({@code %5C}) in a path reaches the application, as on Tomcat, rather than being refused by
     * Jetty itself with an HTML page ("Suspicious Path Character"): the application's firewall then answers it with a
     * problem like any other bad path. Every other rule of Jetty's default (RFC 3986) stays.
     */
    @Bean
    JettyServerCustomizer encodedBackslashReachesTheApplication() {
        UriCompliance compliance = UriCompliance.DEFAULT.with("TRIBUNE", UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS);
        return server -> {
            for (Connector connector : server.getConnectors()) {
                for (ConnectionFactory factory : connector.getConnectionFactories()) {
                    if (factory instanceof HttpConfiguration.ConnectionFactory http) {
                        http.getHttpConfiguration().setUriCompliance(compliance);
                    }
                }
            }
        };
    }
}
