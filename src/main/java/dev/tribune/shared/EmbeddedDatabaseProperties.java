package dev.tribune.shared;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL started when no {@code spring.datasource.url} is set.
 *
 * @param dir its data folder, {@code ~/.tribune/pgdata} by default; kept across restarts and reused on the next start
 */
@ConfigurationProperties("tribune.embedded-db")
record EmbeddedDatabaseProperties(Path dir) {

    EmbeddedDatabaseProperties {
        if (dir == null) {
            dir = Path.of(System.getProperty("user.home"), ".tribune", "pgdata");
        }
    }
}
