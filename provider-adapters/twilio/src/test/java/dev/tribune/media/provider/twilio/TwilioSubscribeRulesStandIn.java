package dev.tribune.media.provider.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Track Subscription API as documented (https://www.twilio.com/docs/video/api/track-subscriptions, error
 * 53215): {@code GET} and {@code POST /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribeRules}; the POST's
 * form parameter {@code Rules} is a JSON array of at most 20 rules, each with {@code type} (include|exclude) and
 * filters {@code all} (true, and alone), {@code publisher}, {@code track}, {@code kind} (audio|video|data),
 * {@code priority}; anything else is refused with 53215. Answers carry {@code participant_sid}, {@code room_sid},
 * {@code rules}, {@code date_created}, {@code date_updated}. Until rules are set a participant subscribes to everything.
 * Stubs use it with {@code withTransformers(NAME)}.
 */
final class TwilioSubscribeRulesStandIn implements ResponseDefinitionTransformerV2 {

    static final String NAME = "twilio-subscribe-rules";

    private static final Pattern PATH = Pattern.compile("/v1/Rooms/(RM[0-9a-fA-F]{32})/Participants/(PA[0-9a-fA-F]{32})/SubscribeRules");
    private static final Set<String> FIELDS = Set.of("type", "all", "publisher", "track", "kind", "priority");
    private static final Set<String> KINDS = Set.of("audio", "video", "data");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ArrayNode> rules = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    void forget() {
        rules.clear();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        Matcher path = PATH.matcher(request.getUrl().replaceFirst("\\?.*", ""));
        if (!path.matches()) {
            return answer(404, TwilioFixtures.error(404, 20404, "The requested resource was not found"));
        }
        String key = path.group(1) + "/" + path.group(2);
        if (RequestMethod.GET.equals(request.getMethod())) {
            ArrayNode current = rules.get(key);
            // before any rules are set, Twilio's default: subscribe to every track
            return answer(200, resource(path.group(1), path.group(2), current == null ? json.createArrayNode()
                    .add(json.createObjectNode().put("type", "include").put("all", true)) : current, current != null));
        }
        FormParameter param = request.formParameter("Rules");
        String refusal = param == null || !param.isPresent() ? "Rules is required" : invalid(param.firstValue());
        if (refusal != null) {
            return answer(400, TwilioFixtures.error(400, 53215, "Invalid Subscribe Rule(s): " + refusal));
        }
        ArrayNode set = (ArrayNode) parse(param.firstValue());
        rules.put(key, set);
        return answer(202, resource(path.group(1), path.group(2), set, true));
    }

    /** Why Twilio would refuse these rules (error 53215), or null. */
    private String invalid(String value) {
        JsonNode parsed = parse(value);
        if (parsed == null || !parsed.isArray()) {
            return "not a JSON array";
        }
        if (parsed.isEmpty()) {
            return "an empty set of rules is not allowed";
        }
        if (parsed.size() > 20) {
            return "a maximum of 20 rules are allowed per subscriber";
        }
        for (JsonNode rule : parsed) {
            if (!rule.isObject()) {
                return "a rule must be an object";
            }
            for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
                if (!FIELDS.contains(names.next())) {
                    return "unknown field in " + rule;
                }
            }
            String type = rule.path("type").asText("");
            if (!type.equals("include") && !type.equals("exclude")) {
                return "a rule must contain a type field";
            }
            if (rule.has("all") && (!rule.get("all").asBoolean(false) || rule.size() != 2)) {
                return "a rule containing all must have a value of true and must not contain any other expression";
            }
            if (rule.has("kind") && !KINDS.contains(rule.get("kind").asText())) {
                return "kind must be one of audio, video or data";
            }
        }
        return null;
    }

    private JsonNode parse(String value) {
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String resource(String roomSid, String participantSid, ArrayNode set, boolean written) {
        ObjectNode resource = json.createObjectNode().put("participant_sid", participantSid).put("room_sid", roomSid);
        resource.set("rules", set);
        String when = written ? "2026-11-22T10:00:05Z" : null;
        resource.put("date_created", when).put("date_updated", when);
        return resource.toString();
    }

    private static ResponseDefinition answer(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
