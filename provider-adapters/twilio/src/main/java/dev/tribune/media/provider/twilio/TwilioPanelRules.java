package dev.tribune.media.provider.twilio;

import static dev.tribune.media.provider.twilio.TwilioCalls.unlessGone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.video.v1.room.participant.SubscribeRules;
import com.twilio.rest.video.v1.room.Participant;
import com.twilio.type.SubscribeRule;
import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage, enforced at Twilio's media server with the Track Subscription API: every connected participant's
 * subscribe rules include the audio of the people on the panel (present, HOST/MODERATOR/SPEAKER, not force-muted)
 * and nothing else, so whatever a listener's browser publishes reaches nobody. Rules are per subscriber, so a change
 * of the panel is written to every connected participant; a participant whose rules are already right is only read.
 *
 * <p>Who is on the panel is asked of the core ({@link ParticipantStateSource}) for everyone Twilio knows of in the
 * room: the connected participants, the publishers already named in their rules (a speaker who is reconnecting, or
 * has not connected yet, stays included), and the person being reconciled. Never {@code all}: a rule set that lets
 * everyone through would let a listener through.
 */
class TwilioPanelRules {

    private static final Logger log = LoggerFactory.getLogger(TwilioPanelRules.class);

    /** Twilio error 53215: "A maximum of 20 rules are allowed per subscriber". */
    static final int MAX_RULES = 20;

    /** One subscribe rule as Twilio stores it; fields a rule does not use are null. */
    record Rule(String type, Boolean all, String publisher, String track, String kind) {

        static Rule audioOf(UUID publisher) {
            return new Rule("include", null, publisher.toString(), null, "audio");
        }

        /** Twilio refuses an empty rule set; with nobody on the panel, a subscriber receives nothing. */
        static final Rule NOTHING = new Rule("exclude", true, null, null, null);

        static Rule of(SubscribeRule rule) {
            return new Rule(rule.getType() == null ? null : rule.getType().value(), rule.getAll(), rule.getPublisher(), rule.getTrack(),
                    rule.getKind() == null ? null : rule.getKind().value());
        }

        Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", type);
            if (all != null) {
                json.put("all", all);
            }
            if (publisher != null) {
                json.put("publisher", publisher);
            }
            if (kind != null) {
                json.put("kind", kind);
            }
            return json;
        }
    }

    private final TwilioRestClient client;
    private final ParticipantStateSource states;
    private final ObjectMapper json = new ObjectMapper();

    TwilioPanelRules(TwilioRestClient client, ParticipantStateSource states) {
        this.client = client;
        this.states = states;
    }

    /**
     * Brings every connected participant's rules to the panel's audio. Writes to all of them even when one fails,
     * then throws the first failure, so the caller knows some subscriber may still hear someone off the panel.
     *
     * @param user      the person being reconciled, whose state the core has just read as {@code state}
     * @param connected the room's connected participants, as Twilio listed them
     */
    void bringInLine(ProviderRoom room, UUID user, ParticipantState state, List<Participant> connected) {
        Map<String, Set<Rule>> current = new LinkedHashMap<>();
        for (Participant participant : connected) {
            rulesOf(room, participant).ifPresent(rules -> current.put(participant.getSid(), rules));
        }
        Set<Rule> panel = panelAudio(room, user, state, connected, current);
        RuntimeException failure = null;
        for (Map.Entry<String, Set<Rule>> subscriber : current.entrySet()) {
            if (subscriber.getValue().equals(panel)) {
                continue;
            }
            try {
                write(room, subscriber.getKey(), panel);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Optional<Set<Rule>> rulesOf(ProviderRoom room, Participant participant) {
        // gone since the list (disconnected, or the room completed): nobody left to protect there
        return unlessGone("reading the subscribe rules of " + participant.getSid(),
                () -> SubscribeRules.fetcher(room.providerRoomId(), participant.getSid()).fetch(client))
                .map(rules -> rules.getRules() == null ? Set.<Rule>of()
                        : rules.getRules().stream().map(Rule::of).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    private void write(ProviderRoom room, String participantSid, Set<Rule> rules) {
        String encoded;
        try {
            encoded = json.writeValueAsString(rules.stream().map(Rule::asJson).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not encode subscribe rules", e);
        }
        unlessGone("setting the subscribe rules of " + participantSid,
                () -> SubscribeRules.updater(room.providerRoomId(), participantSid).setRules(encoded).update(client));
    }

    /**
     * The rules every subscriber gets: the audio of each person on the panel, connected people first, at most
     * {@link #MAX_RULES}. Beyond that the last ones are left out (not heard at Twilio, and said in the log): a
     * missing speaker is a fault anyone notices, a listener let through would be a silent breach.
     */
    private Set<Rule> panelAudio(ProviderRoom room, UUID user, ParticipantState state, List<Participant> connected,
            Map<String, Set<Rule>> current) {
        Set<UUID> candidates = new LinkedHashSet<>();
        connected.forEach(participant -> TwilioStatusCallbacks.uuid(participant.getIdentity()).ifPresent(candidates::add));
        current.values().stream().flatMap(Set::stream).map(Rule::publisher).map(TwilioStatusCallbacks::uuid).flatMap(Optional::stream)
                .sorted(Comparator.comparing(UUID::toString)).forEach(candidates::add);
        candidates.add(user);
        List<UUID> panel = new ArrayList<>();
        for (UUID candidate : candidates) {
            ParticipantState now = candidate.equals(user) ? state : states.current(room.roomId(), candidate);
            if (now.present() && now.canPublish() && !now.forcedMute()) {
                panel.add(candidate);
            }
        }
        if (panel.isEmpty()) {
            return Set.of(Rule.NOTHING);
        }
        if (panel.size() > MAX_RULES) {
            log.warn("Room {} has {} people on the panel; Twilio holds {} subscribe rules per participant, so {} of them are not heard: {}",
                    room.roomId(), panel.size(), MAX_RULES, panel.size() - MAX_RULES, panel.subList(MAX_RULES, panel.size()));
        }
        return panel.stream().limit(MAX_RULES).map(Rule::audioOf).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
