package dev.tribune.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration keys the service really has, and whether an environment variable sets one of them, judged the way
 * Spring Boot judges it. The keys are those of every {@code META-INF/spring-configuration-metadata.json} on the class
 * path: Tribune's own (written by the configuration processor from the {@code tribune.*} records) and Boot's modules'
 * ({@code spring.*}, {@code server.*}, {@code management.*}). A variable is looked up through Boot's own
 * system-environment mapping, so {@code TRIBUNE_AUTH_JWT_SECRET} and {@code TRIBUNE_AUTH_JWTSECRET} both reach
 * {@code tribune.auth.jwt-secret}, and {@code TRIBUNE_AUTH_JWT_SECRT} reaches nothing.
 */
final class SettingNames {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** Key to whether it takes sub-keys (a map, such as {@code spring.datasource.hikari.data-source-properties.*}). */
    private final Map<ConfigurationPropertyName, Boolean> keys;

    private SettingNames(Map<ConfigurationPropertyName, Boolean> keys) {
        this.keys = keys;
    }

    static SettingNames fromClasspath() {
        Map<ConfigurationPropertyName, Boolean> keys = new HashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        try {
            for (URL url : Collections.list(SettingNames.class.getClassLoader().getResources(METADATA))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property.path("name").asString());
                        if (name != null) {
                            String type = property.path("type").asString("");
                            keys.merge(name, type.startsWith("java.util.Map") || type.equals("java.util.Properties"),
                                    Boolean::logicalOr);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SettingNames(keys);
    }

    int size() {
        return keys.size();
    }

    boolean contains(String key) {
        return keys.containsKey(ConfigurationPropertyName.of(key));
    }

    /** The variables among these that set no configuration key. */
    List<String> unbound(Collection<String> variables) {
        return variables.stream().filter(variable -> !binds(variable)).sorted().toList();
    }

    private boolean binds(String variable) {
        // Boot maps underscores to dots and dashes only for the source named like the real system environment
        ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x")));
        return keys.entrySet().stream().anyMatch(key -> {
            ConfigurationProperty exact = source.getConfigurationProperty(key.getKey());
            return exact != null
                    || (key.getValue() && source.containsDescendantOf(key.getKey()) == ConfigurationPropertyState.PRESENT);
        });
    }
}
