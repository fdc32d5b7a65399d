package dev.tribune.events;

import jakarta.servlet.ServletContext;
import org.eclipse.jetty.ee11.websocket.jakarta.server.JakartaWebSocketServerContainer;
import org.eclipse.jetty.server.Server;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jetty's share of what a {@code /ws} connection does and costs (compiled only into the {@code -Pjetty} build: see
 * ADR 0009; {@code TomcatSocketTuning} is its Tomcat counterpart). Jetty needs no buffer settings of ours: a WebSocket
 * connection takes its 4 KB read buffer from the server's pool only while bytes are arriving and gives it back when a
 * read finds none, so an idle listener holds none. The connection limit is {@code server.jetty.max-connections}
 * (application.properties), and the permessage-deflate offer is hidden from Jetty by the same request filter as from
 * Tomcat ({@code EventSocketConfiguration}), since Jetty reads the offer from the request Spring hands it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Server.class)
class JettySocketTuning {

    /**
     * Applied once every singleton exists, so after {@code EventSocketConfiguration}'s container settings and before
     * the connectors open.
     * <ul>
     * <li>Jetty closes a WebSocket nothing was read from or written to for 30 s, the time between two of our pings at
     * the default {@code tribune.ws.idle-timeout} of 90 s: a quiet listener would be cut at random. Tribune closes a
     * silent socket itself (1001, {@link EventSocket#SILENT}); Jetty's limit stays as a backstop at twice ours.</li>
     * <li>{@code maxTextMessageBufferSize} is, to Jetty, the largest whole text message, not a buffer: at the 2 K
     * characters that suit Tomcat a handler taking whole messages would refuse an SDP offer. {@code /ws} takes frames in
     * parts, which Jetty does not limit, so this only keeps the meaning the same: the largest frame we accept.</li>
     * </ul>
     */
    @Bean
    SmartInitializingSingleton jettyWebSocketDefaults(ServletContext servletContext, WsProperties limits) {
        return () -> {
            JakartaWebSocketServerContainer container = JakartaWebSocketServerContainer.getContainer(servletContext);
            if (container == null) {
                throw new IllegalStateException("Jetty has no Jakarta WebSocket container: /ws cannot work");
            }
            container.setDefaultMaxSessionIdleTimeout(limits.idleTimeout().multipliedBy(2).toMillis());
            container.setDefaultMaxTextMessageBufferSize(EventSocket.MAX_FRAME_CHARS);
        };
    }
}
