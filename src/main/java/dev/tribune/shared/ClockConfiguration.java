package dev.tribune.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** The one clock: every module takes time from this bean so tests can reason about it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
