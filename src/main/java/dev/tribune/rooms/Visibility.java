package dev.tribune.rooms;

/** PUBLIC: in every hallway. CLUB: the club's followers and members. PRIVATE: never listed; invite code or been in it. */
public enum Visibility {
    PUBLIC, CLUB, PRIVATE
}
