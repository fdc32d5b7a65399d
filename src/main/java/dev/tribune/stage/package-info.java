/**
 * The stage inside a room: joining and leaving, raised hands, speakers. Every change and its event are written in
 * one transaction, the event last (its seq locks the room's counter row until commit).
 *
 * <p>Permission matrix of what is built so far (the rest of issue 4 adds invitations, moderators, host hand-off,
 * mutes, removal and bans):
 * <pre>
 * action                         HOST  MODERATOR  SPEAKER  AUDIENCE  (not in room)
 * join / leave                    yes   yes        yes      yes       join only
 * raise / lower own hand          -     -          -        yes       404
 * approve a raised hand           yes   yes        403      403       404
 * deny a raised hand              yes   yes        403      403       404
 * move a SPEAKER to the audience  yes   yes        self     403       404
 * </pre>
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stage")
package dev.tribune.stage;
