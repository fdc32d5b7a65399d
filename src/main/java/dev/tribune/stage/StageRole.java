package dev.tribune.stage;

/** A participant's role in a room; the first three sit on the panel. */
public enum StageRole {
    HOST, MODERATOR, SPEAKER, AUDIENCE;

    public boolean onPanel() {
        return this != AUDIENCE;
    }

    /**
     * May send audio into the room: the people on the panel. The one place that says so, for the media grant, the
     * provider's permissions and the check of what a participant publishes; a forced mute stops the sending, not the
     * right.
     */
    public boolean canPublish() {
        return onPanel();
    }

    public boolean isStaff() {
        return this == HOST || this == MODERATOR;
    }
}
