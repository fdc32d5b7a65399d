package dev.tribune.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EmbeddedDatabasePropertiesTest {

    @EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDataFolderDefaultsToDotTribuneInTheUsersHome() {
        runner.run(context -> assertThat(context.getBean(EmbeddedDatabaseProperties.class).dir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".tribune", "pgdata")));
    }

    @Test
    void theDataFolderIsASetting() {
        runner.withPropertyValues("tribune.embedded-db.dir=/var/lib/tribune/pgdata")
                .run(context -> assertThat(context.getBean(EmbeddedDatabaseProperties.class).dir())
                        .isEqualTo(Path.of("/var/lib/tribune/pgdata")));
    }
}
