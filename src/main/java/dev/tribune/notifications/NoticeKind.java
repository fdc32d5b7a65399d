package dev.tribune.notifications;

/** The kinds of notice of API.md ("People, notices and notifications"); those written today are the moderation ones. */
enum NoticeKind {
    ROOM_LIVE, ROOM_STARTING, SPEAKER_INVITE, WARNED, SUSPENDED, BANNED, APPEAL_DECIDED, REPORT_OUTCOME
}
