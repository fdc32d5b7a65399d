package dev.tribune;

import dev.tribune.media.RtcProviders;
import dev.tribune.shared.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The first thing a newcomer reads once the service is up: the address to open, which media provider rooms get and
 * which database holds the data. The log before it is long; this line is the one that matters.
 */
@Component
class ReadyMessage {

    private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

    private final Environment environment;
    private final RtcProviders providers;
    private final DataSource dataSource;
    private final ObjectProvider<EmbeddedDatabase> embeddedDatabase;

    ReadyMessage(Environment environment, RtcProviders providers, DataSource dataSource,
            ObjectProvider<EmbeddedDatabase> embeddedDatabase) {
        this.environment = environment;
        this.providers = providers;
        this.dataSource = dataSource;
        this.embeddedDatabase = embeddedDatabase;
    }

    @EventListener(ApplicationReadyEvent.class)
    void say() {
        log.info("Tribune is ready: open {} | media provider: {} | database: {}", address(), provider(), database());
    }

    String address() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String host = environment.getProperty("server.address", "localhost");
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        }
        String local = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
        String publicUrl = environment.getProperty("tribune.public-url");
        return publicUrl == null || publicUrl.isBlank() ? local : local + " (public URL " + publicUrl + ")";
    }

    String provider() {
        String active = String.join(", ", providers.active().stream().sorted().toList());
        return providers.defaultProvider() + " by default (active: " + active + ")";
    }

    String database() {
        String version = serverVersion();
        EmbeddedDatabase embedded = embeddedDatabase.getIfAvailable();
        if (embedded != null) {
            return "embedded PostgreSQL " + version + " in " + embedded.dataDirectory();
        }
        return "PostgreSQL " + version + " at " + withoutParameters(environment.getProperty("spring.datasource.url", "?"));
    }

    private String serverVersion() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
    }

    /** A JDBC URL's query may carry a password ({@code ?password=...}): never log it. */
    private static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
