package dev.tribune.accounts;

/** An account-level moderation role (API.md "Reports and moderation"): staff act everywhere; an ADMIN also names staff. */
public enum StaffRole {
    MODERATOR,
    ADMIN
}
