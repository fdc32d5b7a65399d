package dev.tribune.stage;

import java.util.Arrays;

/** What someone does on the stage: one constant per row of the permission matrix in {@code package-info.java}. */
enum StageAction {
    JOIN_OR_LEAVE("join / leave"),
    RAISE_OWN_HAND("raise own hand"),
    LOWER_OWN_HAND("lower own hand"),
    APPROVE_OR_INVITE("approve a hand / invite to speak"),
    ACCEPT_OWN_INVITATION("accept own invitation"),
    DECLINE_OWN_INVITATION("decline own invitation"),
    DENY_HAND("deny a raised hand"),
    DEMOTE_SPEAKER("move a SPEAKER to the audience"),
    MAKE_OR_UNMAKE_MODERATOR("make / unmake a MODERATOR"),
    HAND_OVER_HOST("hand over the HOST role"),
    MUTE_ONESELF("mute / unmute oneself"),
    FORCE_MUTE("force-mute others / lift a forced mute"),
    REMOVE_SPEAKER_OR_AUDIENCE("remove (ban) a SPEAKER or AUDIENCE"),
    REMOVE_MODERATOR("remove (ban) a MODERATOR"),
    REMOVE_HOST("remove the HOST"),
    LIST_OR_LIFT_BANS("list bans / unban"),
    CHAT_MUTE("chat-mute others");

    /** The row's words in the matrix. */
    final String words;

    StageAction(String words) {
        this.words = words;
    }

    /** The action a matrix row names. */
    static StageAction described(String words) {
        return Arrays.stream(values()).filter(a -> a.words.equals(words)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No stage action is described as '" + words + "'"));
    }

    /** Removing (or banning) someone who holds this role; {@code null} (they have left) is treated as the audience. */
    static StageAction removing(StageRole target) {
        return target == StageRole.HOST ? REMOVE_HOST : target == StageRole.MODERATOR ? REMOVE_MODERATOR : REMOVE_SPEAKER_OR_AUDIENCE;
    }
}
