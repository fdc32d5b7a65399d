/**
 * Who is speaking: registration, sign-in (password, guest), rotating refresh tokens, access tokens, the
 * WebSocket tickets, and the HTTP security that checks them on every request.
 */
@ApplicationModule(displayName = "Accounts")
package dev.tribune.accounts;

import org.springframework.modulith.ApplicationModule;
