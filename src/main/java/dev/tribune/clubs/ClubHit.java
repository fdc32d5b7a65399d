package dev.tribune.clubs;

import java.util.UUID;

/** A club found by search, with its relevance to the query. */
public record ClubHit(UUID id, String name, String description, String topicName, int followerCount, int memberCount, double rank) {
}
