package dev.tribune.events;

import java.util.UUID;

/**
 * One peer-to-peer signalling message of a mesh room, from one participant to another ({@code /ws} op
 * {@code signal}). {@code data} is the client's JSON object as it came, checked by the {@link SignalGate}.
 *
 * @param type what {@code data.type} says: offer, answer, candidate or bye
 * @param sdp  {@code data.sdp} for offers and answers, else null
 */
public record Signal(UUID roomId, UUID from, UUID to, String type, String sdp, String data) {
}
