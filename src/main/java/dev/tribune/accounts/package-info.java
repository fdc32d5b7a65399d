/**
 * Who is speaking: registration, sign-in (password, guest, Firebase ID tokens), rotating refresh tokens, access
 * tokens, the WebSocket tickets, and the HTTP security that checks them on every request; and people as others see
 * them: profiles and who follows whom.
 */
@ApplicationModule(displayName = "Accounts")
package dev.tribune.accounts;

import org.springframework.modulith.ApplicationModule;
