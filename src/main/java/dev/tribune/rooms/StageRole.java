package dev.tribune.rooms;

/** A participant's role in a room; the first three sit on the panel. */
public enum StageRole {
    HOST, MODERATOR, SPEAKER, AUDIENCE;

    public boolean onPanel() {
        return this != AUDIENCE;
    }

    public boolean isStaff() {
        return this == HOST || this == MODERATOR;
    }
}
