package dev.tribune.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * The web client, built into {@code classpath:/static}, served at {@code /}. A page route the client handles itself
 * (a room link such as {@code /rooms/{id}}) has no file: a browser asking for HTML there gets {@code index.html}
 * (API.md "Conventions"). The API's own prefixes never fall back, and any other miss stays a 404 problem.
 */
@Configuration(proxyBeanMethods = false)
class WebClientResources implements WebMvcConfigurer {

    private static final List<String> NEVER_THE_CLIENT = List.of("api/", "ws", "actuator", "v3/", "swagger-ui");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**").addResourceLocations("classpath:/static/").resourceChain(true)
                .addResolver(new ClientRoutes());
    }

    private static final class ClientRoutes extends PathResourceResolver {

        @Override
        protected Resource resolveResourceInternal(HttpServletRequest request, String requestPath, List<? extends Resource> locations,
                ResourceResolverChain chain) {
            Resource file = super.resolveResourceInternal(request, requestPath, locations, chain);
            if (file != null || request == null || !wantsPage(request, requestPath)) {
                return file;
            }
            Resource index = new ClassPathResource("static/index.html");
            return index.exists() ? index : null;
        }

        private static boolean wantsPage(HttpServletRequest request, String path) {
            if (!"GET".equals(request.getMethod()) || NEVER_THE_CLIENT.stream().anyMatch(path::startsWith)) {
                return false;
            }
            String accept = request.getHeader("Accept");
            if (accept == null) {
                return false;
            }
            try {
                return MediaType.parseMediaTypes(accept).stream().anyMatch(m -> m.includes(MediaType.TEXT_HTML) && !m.isWildcardType());
            } catch (InvalidMediaTypeException unreadable) {
                // an Accept header nobody could mean: not a browser asking for a page, so the miss stays a 404 problem
                return false;
            }
        }
    }
}
