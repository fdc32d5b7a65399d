package dev.tribune.accounts;

import dev.tribune.shared.EmbeddedDatabase;
import dev.tribune.shared.ProblemType;
import dev.tribune.shared.Problems;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless bearer-token security. Every {@code /api} path needs a valid access token except the sign-in
 * endpoints, the client's public configuration and the vendors' webhooks (which carry their own signatures);
 * everything else (the web client, API docs, health) is open. The WebSocket's upgrade ({@code /ws}) is not seen by
 * this chain at all: it authenticates its own handshake, and a crowd arriving at a large room opens a thousand a
 * second, each of which the chain's filters (headers, session, anonymous, authorization) would only pass through.
 * Failures answer with problems.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    AccessTokens accessTokens(AuthProperties properties, ObjectProvider<EmbeddedDatabase> embedded, Clock clock) {
        List<byte[]> accepted = properties.jwtAcceptedSecrets().stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
        return new AccessTokens(JwtSecretResolver.resolve(properties, embedded.getIfAvailable()), accepted, clock, properties);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessTokens tokens, JdbcClient jdbc, Clock clock, Problems problems,
            RecentlyActive recentlyActive) throws Exception {
        http.securityMatcher(request -> !"/ws".equals(request.getRequestURI().substring(request.getContextPath().length())))
                .csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, new AccountStandings(jdbc, clock, recentlyActive), problems),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.write(request, response,
                                ProblemType.UNAUTHORIZED, "Sign in first: this needs an access token."))
                        .accessDeniedHandler((request, response, ex) -> problems.write(request, response,
                                ProblemType.FORBIDDEN, "You are not allowed to do this.")))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/api/v1/auth/register", "/api/v1/auth/login",
                                "/api/v1/auth/guest", "/api/v1/auth/refresh", "/api/v1/auth/firebase").permitAll()
                        .requestMatchers("/api/v1/webhooks/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/config").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }
}
