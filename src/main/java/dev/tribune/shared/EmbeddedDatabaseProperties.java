package dev.tribune.shared;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL started when no {@code spring.datasource.url} is set.
 *
 * @param dir its data folder; kept across restarts and reused on the next start
 */
@ConfigurationProperties("tribune.embedded-db")
record EmbeddedDatabaseProperties(@DefaultValue("${user.home}/.tribune/pgdata") Path dir) {
}
