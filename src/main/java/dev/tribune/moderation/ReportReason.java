package dev.tribune.moderation;

/** Why someone is reported (API.md "Reports and moderation"). */
public enum ReportReason {
    HARASSMENT, HATE, SPAM, SEXUAL_CONTENT, VIOLENCE, IMPERSONATION, OTHER
}
