package dev.tribune.shared;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits that keep one stuck request from holding a database connection for ever, and how readiness watches the
 * database.
 *
 * @param statementTimeout          longest a single SQL statement may run
 * @param lockTimeout               longest a statement may wait for a row or table lock
 * @param idleInTransactionTimeout  longest a connection may sit inside an open transaction doing nothing; PostgreSQL
 *                                  then ends the session and the pool replaces it
 * @param probeInterval             how often the database is probed for readiness
 * @param probeTimeout              how long a probe may take before the database counts as unreachable
 */
@Validated
@ConfigurationProperties("tribune.db")
record DatabaseProperties(
        @NotNull @DefaultValue("30s") Duration statementTimeout,
        @NotNull @DefaultValue("10s") Duration lockTimeout,
        @NotNull @DefaultValue("60s") Duration idleInTransactionTimeout,
        @NotNull @DefaultValue("1s") Duration probeInterval,
        @NotNull @DefaultValue("1s") Duration probeTimeout) {
}
