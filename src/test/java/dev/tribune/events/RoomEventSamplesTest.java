package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tribune.chat.ChatEvent;
import dev.tribune.media.spi.MediaConnection;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.rooms.RoomChange;
import dev.tribune.stage.StageEvent;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java end of the room events' contract (STYLE rule 12): one sample frame of every {@link RoomEvent} record,
 * written the way a client receives it, into {@code web-client/test/fixtures/room-events.json}, which the web client's
 * {@code roomEvents.test.ts} reads. An event added, renamed or changed here fails this test until the fixture is
 * written again (and then the client's test, until the client's union type knows it):
 * {@code ./mvnw -o -Dweb.skip test -Dtest=RoomEventSamplesTest -Dtribune.write-fixtures=true}.
 */
class RoomEventSamplesTest {

    static final Path FIXTURE = Path.of("web-client/test/fixtures/room-events.json");
    private static final UUID ROOM = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    /**
     * More samples of a type, with these components null: what a client must also read. (RoleChanged leaves
     * {@code by} out when null, the others send null.)
     */
    private static final Map<Class<?>, List<Set<String>>> NULL_VARIANTS = Map.of(
            StageEvent.RoleChanged.class, List.of(Set.of("by")),
            ChatEvent.MessagePosted.class, List.of(Set.of("toUserId", "toRole")),
            RoomChange.Updated.class, List.of(Set.of("description")),
            RoomChange.Ended.class, List.of(Set.of("by")));

    private static JsonMapper json;

    @BeforeAll
    static void theServicesMapper() {
        AtomicReference<JsonMapper> mapper = new AtomicReference<>();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> mapper.set(context.getBean(JsonMapper.class)));
        json = mapper.get();
    }

    @Test
    void everyEventTypeBelongsToItsOwnersClosedFamily() {
        for (Class<?> type : eventTypes()) {
            assertThat(Arrays.stream(type.getInterfaces()).filter(i -> i.isSealed() && RoomEvent.class.isAssignableFrom(i)))
                    .as("%s must implement its owner's sealed sub-interface of RoomEvent (StageEvent, ChatEvent, ...)", type.getName())
                    .hasSize(1);
            assertThat(type.isRecord()).as("%s must be a record", type.getName()).isTrue();
        }
    }

    @Test
    void wireNamesAreUnique() {
        Map<String, Class<?>> seen = new HashMap<>();
        for (Class<?> type : eventTypes()) {
            String wire = ((RoomEvent) sample(type, Set.of())).type();
            Class<?> before = seen.put(wire, type);
            assertThat(before).as("%s and %s both say %s", before, type, wire).isNull();
        }
    }

    @Test
    void theCommittedFixtureHoldsASampleOfEveryEvent() throws IOException {
        String expected = fixture();
        if (Boolean.getBoolean("tribune.write-fixtures")) {
            Files.createDirectories(FIXTURE.getParent());
            Files.writeString(FIXTURE, expected, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(FIXTURE) ? Files.readString(FIXTURE, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .as("%s is not what the room event records say. If the change is meant, write it again with "
                        + "./mvnw -o -Dweb.skip test -Dtest=RoomEventSamplesTest -Dtribune.write-fixtures=true, "
                        + "then make the web client's union type (web-client/src/events/roomEvents.ts) agree: "
                        + "npx vitest run test/roomEvents.test.ts", FIXTURE)
                .isEqualTo(expected);
    }

    /** Every concrete RoomEvent of the service's own code (test types, such as {@link LoggedEvent}, left out). */
    static List<Class<?>> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(RoomEvent.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.tribune")) {
            Class<?> type = load(candidate.getBeanClassName());
            if (!type.getProtectionDomain().getCodeSource().getLocation().toString().contains("test-classes")) {
                types.add(type);
            }
        }
        assertThat(types).as("the scan finds the events").contains(StageEvent.HandRaised.class, ChatEvent.MessagePosted.class);
        types.sort(Comparator.comparing(Class::getName));
        return types;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fixture() {
        List<RoomEvent> samples = new ArrayList<>();
        for (Class<?> type : eventTypes()) {
            samples.add((RoomEvent) sample(type, Set.of()));
            for (Set<String> nulls : NULL_VARIANTS.getOrDefault(type, List.of())) {
                samples.add((RoomEvent) sample(type, nulls));
            }
        }
        assertThat(eventTypes()).as("every type with null variants is an event").containsAll(NULL_VARIANTS.keySet());
        samples.sort(Comparator.comparing(RoomEvent::type));
        List<JsonNode> frames = new ArrayList<>();
        long seq = 0;
        for (RoomEvent event : samples) {
            for (Object data : sentData(event)) {
                StoredEvent stored = new StoredEvent(ROOM, ++seq, event.type(), json.writeValueAsString(data), EventAudience.everyone(), AT);
                frames.add(json.readTree(json.writeValueAsString(stored.frame())));
            }
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(frames) + "\n";
    }

    /**
     * What a client receives as {@code data}: the event as stored, except for the one event whose frame is made for
     * its recipient when sent ({@link PersonalFrames}): {@code media.grant} goes out as {@code {media}}, a fresh
     * grant, or an empty one when the recipient has no seat or the vendor's room is gone (MediaGrantFrames).
     */
    private static List<Object> sentData(RoomEvent event) {
        if (event instanceof StageEvent.MediaGrantDue) {
            return List.of(Map.of("media", sample(MediaGrant.class, Set.of())), Map.of("media", Map.of()));
        }
        return List.of(event);
    }

    /** A record with a made-up value for every component; {@code nulls} name components left null. */
    private static Object sample(Class<?> type, Set<String> nulls) {
        RecordComponent[] components = type.getRecordComponents();
        assertThat(components).as("%s must be a record", type.getName()).isNotNull();
        Set<String> unknown = new HashSet<>(nulls);
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            values[i] = unknown.remove(c.getName()) ? null : value(type, c.getName(), c.getType(), c.getGenericType());
        }
        assertThat(unknown).as("components of %s", type.getName()).isEmpty();
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(Class<?> owner, String name, Class<?> type, Type generic) {
        if (type == UUID.class) {
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        }
        if (type == String.class) {
            return name + " sample";
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == int.class || type == Integer.class) {
            return 3;
        }
        if (type == long.class || type == Long.class) {
            return 30L;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-22T09:59:58.123456Z");
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isRecord()) {
            return sample(type, Set.of());
        }
        if (type == Map.class && generic instanceof ParameterizedType) {
            return Map.of();
        }
        if (type == MediaConnection.class) {
            return new SampleConnection("wss://media.example.test", "room sample"); // each provider declares its own
        }
        return fail("No sample value for %s.%s of type %s: teach RoomEventSamplesTest.value one", owner.getName(), name, generic);
    }

    /** A provider's connection, as a sample: what is in it is the provider's (API.md: {@code media.connection}). */
    record SampleConnection(String url, String room) implements MediaConnection {
    }
}
