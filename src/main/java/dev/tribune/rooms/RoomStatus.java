package dev.tribune.rooms;

public enum RoomStatus {
    SCHEDULED, LIVE, ENDED
}
