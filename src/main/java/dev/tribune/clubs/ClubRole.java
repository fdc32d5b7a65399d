package dev.tribune.clubs;

/** A member's standing in a club: ADMINs manage members; the founder is the first ADMIN. */
public enum ClubRole {
    ADMIN, MEMBER
}
