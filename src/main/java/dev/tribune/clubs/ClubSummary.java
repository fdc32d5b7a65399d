package dev.tribune.clubs;

import java.util.UUID;

/** What other modules need to know of a club: its name, for cards, and its topic's, for search. */
public record ClubSummary(UUID id, String name, String topicName) {
}
