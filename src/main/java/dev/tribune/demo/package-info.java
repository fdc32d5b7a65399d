/**
 * Demo data for a newcomer's first start with the embedded database: people, clubs and two upcoming rooms to browse;
 * never a LIVE room whose panel is not there. Off with {@code tribune.demo-data=false}.
 */
@ApplicationModule(displayName = "Demo data")
package dev.tribune.demo;

import org.springframework.modulith.ApplicationModule;
