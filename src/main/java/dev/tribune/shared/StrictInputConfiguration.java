package dev.tribune.shared;

import java.util.UUID;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Input is read strictly, once for the whole service: a client that sends {@code {"name":1}}, an enum's index, a
 * fraction for a whole number or a short id has a bug, and guessing what it meant hides that bug and lets odd
 * values into the database. So the service's one JSON mapper coerces no scalar into another (no number or boolean
 * into a string, no string into a number or boolean, no float into an int, no number into an enum), refuses a key
 * given twice and nulls for primitives, and reads ids in bodies as canonical UUIDs only ({@link Ids#parse}). Paths
 * and query parameters are read as strictly by {@link StrictParameters}. Each refusal is a 400 problem naming the
 * field ({@link ProblemHandler}). Unknown properties stay ignored: a newer client may send
 * fields this version does not know.
 */
@Configuration(proxyBeanMethods = false)
class StrictInputConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // ALLOW_COERCION_OF_SCALARS leaves strings alone: numbers and booleans would still be read as text
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, enums -> enums
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .addModule(new SimpleModule("tribune-canonical-uuids").addDeserializer(UUID.class, new CanonicalUuidDeserializer()));
    }

    /** A UUID in a JSON body: a string, canonical ({@link Ids#parse}); Jackson's own also reads 24 characters of base64. */
    private static final class CanonicalUuidDeserializer extends ValueDeserializer<UUID> {

        @Override
        public UUID deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (UUID) ctxt.handleUnexpectedToken(UUID.class, p);
            }
            String text = p.getString();
            try {
                return Ids.parse(text);
            } catch (IllegalArgumentException e) {
                return (UUID) ctxt.handleWeirdStringValue(UUID.class, text, "not a canonical UUID (8-4-4-4-12 hex digits)");
            }
        }
    }
}
