package dev.tribune.notifications;

/** The kinds of notice of API.md ("People, notices and notifications"). */
enum NoticeKind {
    ROOM_LIVE, ROOM_STARTING, FOLLOWED_SPEAKING, SPEAKER_INVITE, WARNED, SUSPENDED, BANNED, APPEAL_DECIDED, REPORT_OUTCOME;

    /**
     * The {@code notification_settings} column that decides whether this kind is also pushed; null when it always is
     * (an invitation to speak is worth nothing a minute later, and the person asked for the stage).
     */
    String setting() {
        return switch (this) {
            case ROOM_LIVE -> "room_live";
            case ROOM_STARTING -> "room_starting";
            case FOLLOWED_SPEAKING -> "followed_speaking";
            case SPEAKER_INVITE -> null;
            case WARNED, SUSPENDED, BANNED, APPEAL_DECIDED, REPORT_OUTCOME -> "moderation";
        };
    }
}
