package dev.tribune.events;

import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Carries personal notices to the instances holding their recipient's sockets. Like signals they are not logged here:
 * the notice itself is kept by its owner (notifications), and a client that missed the frame reads its notices.
 */
interface NoticeBus {

    /** In the caller's transaction: heard by every instance when it commits, never if it rolls back. */
    void sendNotice(UUID userId, String noticeJson);

    /** Called, on any thread, with the recipient and the notice's JSON, for each notice any instance sent. */
    void onNotice(BiConsumer<UUID, String> listener);
}
