package dev.tribune.shared;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.eclipse.jetty.server.Server;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Compiled only into the {@code -Pjetty} build (ADR 0009); Tomcat does this itself ({@code maxSwallowSize}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Server.class)
class JettyUnreadBodies {

    /** Tomcat's default for the same thing. */
    static final long MAX_DRAINED = 2 * 1024 * 1024;

    /**
     * A request answered without its body being read (refused by the security chain, or by the body limit from its
     * Content-Length) has the rest of its body read and dropped, up to 2 MB, as Tomcat does. Jetty itself only drops
     * what has already arrived and then closes the connection, and a client still sending is reset before it reads
     * its answer. Only bodies of a declared length are drained (never an upgrade, whose connection is the socket's).
     */
    @Bean
    FilterRegistrationBean<Filter> unreadBodiesDrained() {
        var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> {
            chain.doFilter(request, response);
            if (request instanceof HttpServletRequest http && !http.isAsyncStarted()
                    && http.getContentLengthLong() > 0 && http.getContentLengthLong() <= MAX_DRAINED) {
                drain(http);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static void drain(HttpServletRequest request) {
        byte[] sink = new byte[8 * 1024];
        long drained = 0;
        try {
            ServletInputStream in = request.getInputStream();
            for (int n = in.read(sink); n >= 0 && drained <= MAX_DRAINED; n = in.read(sink)) {
                drained += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the body was read already (as a reader, or to its end) or the client went away: nothing left to do
        }
    }
}
