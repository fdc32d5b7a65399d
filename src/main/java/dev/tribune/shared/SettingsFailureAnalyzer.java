package dev.tribune.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Settings that break a constraint stop start-up with one message: each bad key, its value and the rule, one per
 * line. Ordered before Boot's own analyzer for the same failure, which prints every value as it is, secrets included.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        String prefix = errors.getName().toString();
        List<String> lines = new ArrayList<>();
        for (ObjectError error : errors.getAllErrors()) {
            lines.add("  - " + line(prefix, error, errors.getBoundProperties()));
        }
        lines.sort(null);
        return new FailureAnalysis("Settings under " + prefix + " are invalid:\n" + String.join("\n", lines),
                "Fix the settings named above (application.properties, --key=value arguments or TRIBUNE_* environment "
                        + "variables). A provider adapter turns off when the key that enables it is removed.", cause);
    }

    /**
     * "key: rule (was value)", or "prefix: rule" for a rule over several keys. The value is the one the operator wrote
     * ("0s", not the bound "PT0S") where the binder kept it.
     */
    private static String line(String prefix, ObjectError error, Set<ConfigurationProperty> bound) {
        if (!(error instanceof FieldError field) || isCrossFieldRule(field)) {
            return prefix + ": " + error.getDefaultMessage();
        }
        String key = prefix + "." + DataObjectPropertyName.toDashedForm(field.getField());
        Object written = bound.stream().filter(property -> property.getName().toString().equals(key)).findFirst()
                .map(ConfigurationProperty::getValue).orElse(field.getRejectedValue());
        return key + ": " + field.getDefaultMessage() + " (was " + shown(key, written) + ")";
    }

    /** An {@code @AssertTrue} on an {@code isX()} method checks several keys together; its "value" is only false. */
    private static boolean isCrossFieldRule(FieldError field) {
        return field.getRejectedValue() instanceof Boolean && List.of(field.getCodes()).contains("AssertTrue");
    }

    private static String shown(String key, Object value) {
        if (value == null) {
            return "not set";
        }
        if (value.toString().isEmpty()) {
            return "empty";
        }
        return isSecret(key) ? "set, not shown" : "\"" + value + "\"";
    }

    static boolean isSecret(String key) {
        String name = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return name.contains("secret") || name.contains("token") || name.contains("password") || name.endsWith("key");
    }
}
