package dev.tribune.events;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * LISTEN/NOTIFY as the doorbell. Each instance listens on one dedicated connection of its own, outside the pool
 * (a pooled connection would be handed to others; PgBouncer in transaction mode breaks LISTEN for the same
 * reason). Notifications sent while that connection is down are lost, so after reconnecting it tells its
 * listeners to re-read everything (a null ring).
 */
@Component
class PostgresNotifyBus implements RoomEventBus, SmartLifecycle {

    static final String CHANNEL = "tribune_room_events";
    static final String APPLICATION_NAME = "tribune-listener";
    private static final Logger log = LoggerFactory.getLogger(PostgresNotifyBus.class);

    private final JdbcClient jdbc;
    private final HikariDataSource dataSource;
    private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile Thread thread;

    PostgresNotifyBus(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
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
                        UUID roomId = UUID.fromString(notification.getParameter());
                        listeners.forEach(l -> l.accept(roomId));
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
