/**
 * Demo data for a newcomer's first start with the embedded database: people, clubs and two live rooms, so the
 * hallway is not empty. Off with {@code tribune.demo-data=false}.
 */
@ApplicationModule(displayName = "Demo data")
package dev.tribune.demo;

import org.springframework.modulith.ApplicationModule;
