package dev.tribune.shared;

import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Compiled only into the Tomcat build (ADR 0009); {@code JettyPathDecoding} is its Jetty counterpart. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Tomcat.class)
class TomcatPathDecoding {

    /**
     * An encoded backslash ({@code %5C}) or slash ({@code %2F}) in a path is left as it is rather than refused by Tomcat
     * itself, whose refusal is an HTML page: the request then reaches the application and gets a problem like any other
     * bad path (a path segment is an id, a slug or a token, none of which holds a slash).
     */
    @Bean
    TomcatConnectorCustomizer encodedSolidiPassThrough() {
        return connector -> {
            connector.setEncodedReverseSolidusHandling("passthrough");
            connector.setEncodedSolidusHandling("passthrough");
        };
    }
}
