package dev.tribune.events;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.tribune.shared.Ids;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * LISTEN/NOTIFY as the doorbell. Each instance listens on one dedicated connection of its own, outside the pool
 * (a pooled connection would be handed to others; PgBouncer in transaction mode breaks LISTEN for the same
 * reason). Notifications sent while that connection is down are lost, so after reconnecting it tells its
 * listeners to re-read everything (a null ring).
 */
@Component
class PostgresNotifyBus implements RoomEventBus, SignalBus, NoticeBus, SmartLifecycle {

    static final String CHANNEL = "tribune_room_events";
    static final String SIGNALS = "tribune_signals";
    static final String NOTICES = "tribune_notices";
    static final String CLOSES = "tribune_socket_closes";
    /** NOTIFY payloads stop at 8,000 bytes; larger signals go through signal_spill. */
    static final int MAX_INLINE = 7000;
    static final String APPLICATION_NAME = "tribune-listener";
    private static final Logger log = LoggerFactory.getLogger(PostgresNotifyBus.class);

    private final JdbcClient jdbc;
    private final HikariDataSource dataSource;
    private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Signal>> signalListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<UUID, String>> noticeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<UUID>> closeListeners = new CopyOnWriteArrayList<>();
    private final JsonMapper json;
    private volatile boolean running;
    private volatile Thread thread;

    PostgresNotifyBus(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.dataSource = dataSource instanceof HikariDataSource hikari ? hikari : null;
    }

    @Override
    public void ring(UUID roomId) {
        jdbc.sql("SELECT pg_notify('" + CHANNEL + "', ?)").param(roomId.toString()).query(Object.class).optional();
    }

    @Override
    public void listen(Consumer<UUID> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean isLarge(Signal signal) {
        return tooLargeToRing(json.writeValueAsString(signal));
    }

    private static boolean tooLargeToRing(String payload) {
        return payload.length() > MAX_INLINE / 3 && payload.getBytes(StandardCharsets.UTF_8).length > MAX_INLINE;
    }

    @Override
    public void send(Signal signal) {
        String payload = json.writeValueAsString(signal);
        if (tooLargeToRing(payload)) {
            UUID id = Ids.newId();
            jdbc.sql("INSERT INTO signal_spill (id, payload) VALUES (?, ?)").params(id, payload).update();
            payload = "spill:" + id;
        }
        jdbc.sql("SELECT pg_notify('" + SIGNALS + "', ?)").param(payload).query(Object.class).optional();
    }

    /** A notice too large to ring is not rung: the person reads it in their notices instead. */
    @Override
    public void sendNotice(UUID userId, String noticeJson) {
        String payload = userId + " " + noticeJson;
        if (!tooLargeToRing(payload)) {
            jdbc.sql("SELECT pg_notify('" + NOTICES + "', ?)").param(payload).query(Object.class).optional();
        }
    }

    /**
     * Notices packed one per line ({@code userId json}; compact JSON has no line breaks) into payloads up to
     * MAX_INLINE; one too large to ring alone is left to the person's notices, as in {@link #sendNotice}.
     */
    @Override
    public void sendNotices(Map<UUID, String> noticeJsonByUser) {
        StringBuilder payload = new StringBuilder();
        for (Map.Entry<UUID, String> notice : noticeJsonByUser.entrySet()) {
            String line = notice.getKey() + " " + notice.getValue();
            if (tooLargeToRing(line)) {
                continue;
            }
            if (!payload.isEmpty() && tooLargeToRing(payload + "\n" + line)) {
                jdbc.sql("SELECT pg_notify('" + NOTICES + "', ?)").param(payload.toString()).query(Object.class).optional();
                payload.setLength(0);
            }
            if (!payload.isEmpty()) {
                payload.append('\n');
            }
            payload.append(line);
        }
        if (!payload.isEmpty()) {
            jdbc.sql("SELECT pg_notify('" + NOTICES + "', ?)").param(payload.toString()).query(Object.class).optional();
        }
    }

    @Override
    public void onNotice(BiConsumer<UUID, String> listener) {
        noticeListeners.add(listener);
    }

    @Override
    public void closeSockets(UUID userId) {
        jdbc.sql("SELECT pg_notify('" + CLOSES + "', ?)").param(userId.toString()).query(Object.class).optional();
    }

    @Override
    public void onCloseSockets(Consumer<UUID> listener) {
        closeListeners.add(listener);
    }

    /** One notice, or several one per line ({@link #sendNotices}). */
    private void heardNotice(String payload) {
        for (String line : payload.split("\n")) {
            int space = line.indexOf(' ');
            UUID userId = UUID.fromString(line.substring(0, space));
            String notice = line.substring(space + 1);
            noticeListeners.forEach(l -> l.accept(userId, notice));
        }
    }

    @Override
    public void onSignal(Consumer<Signal> listener) {
        signalListeners.add(listener);
    }

    private void heardSignal(String payload) {
        String text = payload;
        if (payload.startsWith("spill:")) {
            Optional<String> spilled = jdbc.sql("SELECT payload FROM signal_spill WHERE id = ?")
                    .param(UUID.fromString(payload.substring("spill:".length()))).query(String.class).optional();
            if (spilled.isEmpty()) {
                return;
            }
            text = spilled.get();
        }
        Signal signal = json.readValue(text, Signal.class);
        signalListeners.forEach(l -> l.accept(signal));
    }

    /**
     * Spilled signals are read within moments by every instance; after half a minute nobody needs them (the browser
     * has restarted ICE). With the per-user rate of large signals this keeps the table at most a few hundred rows
     * per sender.
     */
    @Scheduled(fixedDelay = 10_000)
    void forgetSpilledSignals() {
        jdbc.sql("DELETE FROM signal_spill WHERE created_at < now() - interval '30 seconds'").update();
    }

    @Override
    public void start() {
        if (dataSource == null) {
            throw new IllegalStateException("the LISTEN connection needs the JDBC URL of a HikariDataSource");
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("tribune-listen").start(this::listenLoop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenLoop() {
        boolean first = true;
        while (running) {
            try (Connection connection = DriverManager.getConnection(dataSource.getJdbcUrl() + separator(dataSource.getJdbcUrl())
                    + "ApplicationName=" + APPLICATION_NAME, dataSource.getUsername(), dataSource.getPassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                    statement.execute("LISTEN " + SIGNALS);
                    statement.execute("LISTEN " + NOTICES);
                    statement.execute("LISTEN " + CLOSES);
                }
                if (!first) {
                    log.info("LISTEN connection restored; re-reading every subscribed room");
                    listeners.forEach(l -> l.accept(null));
                }
                first = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        if (SIGNALS.equals(notification.getName())) {
                            try {
                                heardSignal(notification.getParameter());
                            } catch (RuntimeException e) {
                                log.warn("Could not relay a signal: {}", e.getMessage());
                            }
                        } else if (CLOSES.equals(notification.getName())) {
                            try {
                                UUID userId = UUID.fromString(notification.getParameter());
                                closeListeners.forEach(l -> l.accept(userId));
                            } catch (RuntimeException e) {
                                log.warn("Could not close sockets: {}", e.getMessage());
                            }
                        } else if (NOTICES.equals(notification.getName())) {
                            try {
                                heardNotice(notification.getParameter());
                            } catch (RuntimeException e) {
                                log.warn("Could not relay a notice: {}", e.getMessage());
                            }
                        } else {
                            UUID roomId = UUID.fromString(notification.getParameter());
                            listeners.forEach(l -> l.accept(roomId));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("LISTEN connection lost ({}); reconnecting", e.getMessage());
                    first = false;
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    private static String separator(String url) {
        return url.contains("?") ? "&" : "?";
    }
}
