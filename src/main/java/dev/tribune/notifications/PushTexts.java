package dev.tribune.notifications;

import tools.jackson.databind.JsonNode;

/** What a pushed notice says on the lock screen, from its kind and data (API.md lists each kind's data). */
final class PushTexts {

    record Text(String title, String body) {
    }

    private PushTexts() {
    }

    static Text of(NoticeKind kind, JsonNode data) {
        String room = text(data, "roomName", "a room");
        return switch (kind) {
            case ROOM_LIVE -> new Text(text(data, "clubName", text(data, "hostName", "Someone")) + " is live", room);
            case ROOM_STARTING -> data.path("soon").asBoolean(false)
                    ? new Text("Starting in 10 minutes", room) : new Text("Starting now", room);
            case FOLLOWED_SPEAKING -> new Text(text(data, "displayName", "Someone you follow") + " is speaking", room);
            case SPEAKER_INVITE -> new Text(text(data, "byName", "A host") + " invited you to speak", room);
            case WARNED -> new Text("You received a warning", "Open Tribune to read it.");
            case SUSPENDED -> new Text("Your account is suspended", "Open Tribune to read why and to appeal.");
            case BANNED -> new Text("You were banned", "Open Tribune to read why and to appeal.");
            case APPEAL_DECIDED -> new Text("Your appeal was decided", "Open Tribune to read the decision.");
            case REPORT_OUTCOME -> new Text("Your report was reviewed", "Thank you for helping keep Tribune safe.");
        };
    }

    private static String text(JsonNode data, String field, String otherwise) {
        JsonNode value = data.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : otherwise;
    }
}
