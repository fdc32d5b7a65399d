package dev.tribune.media.provider.livekit;

import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reading LiveKit's JSON leniently. Its Twirp server answers with proto field names (snake_case) and every field
 * present, while webhooks are protojson with lowerCamelCase names, zero values left out and int64 as strings; a
 * proxy or a newer server may differ. So every field is looked up under both spellings, and a missing one reads
 * as the proto3 zero value.
 */
final class LiveKitJson {

    private LiveKitJson() {
    }

    /** The field by its proto name ({@code track_sid}) or its JSON name ({@code trackSid}); missing if neither. */
    static JsonNode field(JsonNode node, String protoName) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode value = node.get(protoName);
        if (value == null || value.isNull()) {
            value = node.get(camel(protoName));
        }
        return value == null || value.isNull() ? MissingNode.getInstance() : value;
    }

    static String text(JsonNode node, String protoName) {
        JsonNode value = field(node, protoName);
        return value.isValueNode() ? value.asString() : "";
    }

    static boolean bool(JsonNode node, String protoName) {
        JsonNode value = field(node, protoName);
        return value.isBoolean() ? value.booleanValue() : "true".equalsIgnoreCase(value.isString() ? value.stringValue() : "");
    }

    /** An int64, which protojson writes as a string; 0 when missing or not a number. */
    static long int64(JsonNode node, String protoName) {
        JsonNode value = field(node, protoName);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isString()) {
            try {
                return Long.parseLong(value.stringValue().strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * An enum value by its name, which protojson writes as the name ({@code "AUDIO"}) or, from some encoders, as the
     * number; the zero value ({@code zeroName}) when missing, as protojson leaves zero values out.
     */
    static String enumName(JsonNode node, String protoName, String... namesByNumber) {
        JsonNode value = field(node, protoName);
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            int number = value.intValue();
            return number >= 0 && number < namesByNumber.length ? namesByNumber[number] : "";
        }
        if (value.isString()) {
            return value.stringValue().strip().toUpperCase(Locale.ROOT);
        }
        return namesByNumber.length > 0 ? namesByNumber[0] : "";
    }

    static String camel(String protoName) {
        StringBuilder camel = new StringBuilder(protoName.length());
        boolean upper = false;
        for (char c : protoName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
