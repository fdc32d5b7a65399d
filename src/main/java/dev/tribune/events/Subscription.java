package dev.tribune.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One socket's subscription to one room. Live frames that arrive while the history is being replayed are held
 * and sent after the {@code subscribed} acknowledgement, skipping any the replay already sent, so the client sees
 * every event once and in order.
 */
final class Subscription {

    private record Held(long seq, String frame) {
    }

    final EventSocket socket;
    final UUID roomId;
    private boolean live;
    private long lastSent;
    private final List<Held> held = new ArrayList<>();

    Subscription(EventSocket socket, UUID roomId) {
        this.socket = socket;
        this.roomId = roomId;
    }

    UUID userId() {
        return socket.user().id();
    }

    synchronized void deliver(long seq, String frame) {
        if (!live) {
            held.add(new Held(seq, frame));
            return;
        }
        if (seq > lastSent) {
            socket.send(frame);
            lastSent = seq;
        }
    }

    /** Marks the event as passed over (not for this recipient) so later frames still count as in order. */
    synchronized void passed(long seq) {
        if (live && seq > lastSent) {
            lastSent = seq;
        }
    }

    /** Ends the replay at {@code seq}: from here on frames are sent as they come. */
    synchronized void goLive(long seq) {
        lastSent = seq;
        live = true;
        held.sort(Comparator.comparingLong(Held::seq));
        for (Held frame : held) {
            if (frame.seq() > lastSent) {
                socket.send(frame.frame());
                lastSent = frame.seq();
            }
        }
        held.clear();
    }
}
