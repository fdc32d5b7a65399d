/**
 * What every module leans on: ids, problem details, the clock, rate limits, the request-size guard and the
 * embedded PostgreSQL that the service starts when no external database is configured.
 */
@ApplicationModule(displayName = "Shared kernel")
package dev.tribune.shared;

import org.springframework.modulith.ApplicationModule;
