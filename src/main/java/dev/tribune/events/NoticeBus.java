package dev.tribune.events;

import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Carries personal notices (and the order to close someone's sockets) to the instances holding their sockets. Like signals they are not logged here:
 * the notice itself is kept by its owner (notifications), and a client that missed the frame reads its notices.
 */
interface NoticeBus {

    /** In the caller's transaction: heard by every instance when it commits, never if it rolls back. */
    void sendNotice(UUID userId, String noticeJson);

    /**
     * {@link #sendNotice} for many people at once (a broadcast's chunk): packed into as few messages as fit, rather than
     * one per recipient.
     */
    void sendNotices(Map<UUID, String> noticeJsonByUser);

    /** Called, on any thread, with the recipient and the notice's JSON, for each notice any instance sent. */
    void onNotice(BiConsumer<UUID, String> listener);

    /** In the caller's transaction: every instance closes this person's sockets when it commits. */
    void closeSockets(UUID userId);

    /** Called, on any thread, for each person whose sockets any instance asked to close. */
    void onCloseSockets(Consumer<UUID> listener);
}
