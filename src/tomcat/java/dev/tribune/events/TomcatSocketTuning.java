package dev.tribune.events;

import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's share of what an idle {@code /ws} connection costs (compiled only into the Tomcat build: see ADR 0009;
 * {@code JettySocketTuning} is its Jetty counterpart).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Tomcat.class)
class TomcatSocketTuning {

    static final String TOMCAT_WS_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    /**
     * What an idle connection holds in Tomcat, used or not: its WebSocket read, write and encoding buffers (8 KB each
     * by default, one JVM-wide setting read once when Tomcat's WebSocket classes load, so it is set here, before the
     * server starts, unless the operator set it) and its socket's read and write buffers (8 KB each). Listeners send
     * tiny frames and receive events of a few hundred bytes; larger frames pass in several pieces.
     */
    @Bean
    TomcatConnectorCustomizer smallConnectionBuffers() {
        if (System.getProperty(TOMCAT_WS_BUFFER) == null) {
            System.setProperty(TOMCAT_WS_BUFFER, String.valueOf(2 * 1024));
        }
        return connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(4 * 1024));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(4 * 1024));
        };
    }
}
