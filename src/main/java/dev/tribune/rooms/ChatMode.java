package dev.tribune.rooms;

public enum ChatMode {
    EVERYONE, SPEAKERS, OFF
}
