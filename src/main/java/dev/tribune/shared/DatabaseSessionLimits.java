package dev.tribune.shared;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Gives every pooled connection, embedded or external database alike, the session limits of {@link DatabaseProperties}:
 * a statement, a lock wait or an idle transaction that would otherwise hold a connection for ever is ended by
 * PostgreSQL itself, and the request gets a 503 instead of wedging the pool.
 */
@Component
class DatabaseSessionLimits implements BeanPostProcessor {

    private final DatabaseProperties properties;

    DatabaseSessionLimits(DatabaseProperties properties) {
        this.properties = properties;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getConnectionInitSql() == null) {
            pool.setConnectionInitSql(initSql(properties));
        }
        return bean;
    }

    static String initSql(DatabaseProperties properties) {
        return "SELECT set_config('statement_timeout', '%d', false), set_config('lock_timeout', '%d', false), "
                .formatted(properties.statementTimeout().toMillis(), properties.lockTimeout().toMillis())
                + "set_config('idle_in_transaction_session_timeout', '%d', false)"
                .formatted(properties.idleInTransactionTimeout().toMillis());
    }
}
