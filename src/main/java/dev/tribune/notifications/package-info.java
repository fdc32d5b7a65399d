/**
 * Personal notices: what a person is told (a warning, a suspension, a ban, the outcome of their report), kept for
 * them to read. Reacts to the modules that decide (moderation); nothing depends on it.
 */
@ApplicationModule(displayName = "Notifications")
package dev.tribune.notifications;

import org.springframework.modulith.ApplicationModule;
