/**
 * Personal notices: what a person is told (a warning, a suspension, a ban, the outcome of their report, a room going
 * live, a reminder, an invitation to speak), kept for them to read, sent to their open sockets, and pushed through FCM
 * to their devices from an outbox written with the notice. Reacts to the modules that decide; nothing depends on it.
 */
@ApplicationModule(displayName = "Notifications")
package dev.tribune.notifications;

import org.springframework.modulith.ApplicationModule;
