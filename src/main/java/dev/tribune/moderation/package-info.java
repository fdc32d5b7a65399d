/**
 * Reports and accountable moderation: staff, filing reports with frozen evidence, the queue, resolutions and the
 * audit log. Acts through the owners' APIs (accounts for staff roles and suspensions, the stage for removals and
 * bans); nothing depends on this module.
 */
@ApplicationModule(displayName = "Moderation")
package dev.tribune.moderation;

import org.springframework.modulith.ApplicationModule;
