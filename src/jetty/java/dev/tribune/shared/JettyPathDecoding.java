package dev.tribune.shared;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
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
     * An encoded backslash ({@code %5C}) or percent sign ({@code %25}) or an empty segment ({@code //}) in a path reaches
     * the application, as on Tomcat, rather than being refused by Jetty itself with an HTML page: Spring Security's
     * firewall then answers it with a problem like any other bad path. An encoded slash ({@code %2F}) is refused by
     * both servers themselves, and every other rule of Jetty's default (RFC 3986) stays.
     */
    @Bean
    JettyServerCustomizer encodedBackslashReachesTheApplication() {
        UriCompliance compliance = UriCompliance.DEFAULT.with("TRIBUNE", UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS,
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT);
        return server -> {
            // the servlet layer refuses what the connector let through as ambiguous unless told to decode it
            ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
            if (context != null) {
                context.getServletHandler().setDecodeAmbiguousURIs(true);
            }
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
