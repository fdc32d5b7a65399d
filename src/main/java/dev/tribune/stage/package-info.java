/**
 * The stage inside a room: joining and leaving, raised hands, speakers, moderators, the host, mutes, removal, bans
 * and presence. Every change takes the room row first ({@code RoomLock}), changes rows conditionally, and writes its
 * event last, in one transaction. Joins are the one change many people make at once in one room: {@code Arrivals}
 * commits each room's waiting joins together, taking the row once per batch.
 *
 * <p>The stage owns {@code participants} (ADR 0008): {@code Seats} holds all its SQL and is the only writer of the
 * room's counter columns (counts, panel preview, last join). Other modules ask: rooms publishes {@code RoomCreated}
 * and {@code Seating} seats the HOST; chat asks {@code ChatSeats}; rooms and media ask their ports
 * ({@code RoomOccupants}, {@code media.spi.ParticipantStateSource}), which {@code Seats} implements. Who may publish is {@code StageRole.canPublish()}.
 *
 * <p>Permission matrix, executable as {@code StagePermissions.decide} (one {@code StageAction} per row) and held to
 * this very text by StagePermissionsTest; the behaviour behind it is tested in StageTest, StageRolesTest, ChatTest.
 * "-" is a case that does not arise for that role (nothing to do, 204, or another rule answers first: the HOST
 * removing the HOST is removing themself, 409). Someone who has left the room counts as not in it.
 * <pre>
 * action                                 | HOST | MODERATOR | SPEAKER | AUDIENCE              | not in room          | platform staff
 * join / leave                           | yes  | yes       | yes     | yes                   | join (404 if hidden) | as their role
 * raise own hand                         | 409  | 409       | 409     | yes                   | 409                  | as their role
 * lower own hand                         | -    | -         | -       | yes                   | 409                  | as their role
 * approve a hand / invite to speak       | yes  | yes       | 403     | 403                   | 403                  | yes
 * accept own invitation                  | -    | -         | -       | yes (403 without one) | 409                  | as their role
 * decline own invitation                 | -    | -         | -       | yes                   | 409                  | as their role
 * deny a raised hand                     | yes  | yes       | 403     | 403                   | 403                  | yes
 * move a SPEAKER to the audience         | yes  | yes       | self    | 403                   | 403                  | yes
 * make / unmake a MODERATOR              | yes  | 403       | 403     | 403                   | 403                  | yes
 * hand over the HOST role                | yes  | 403       | 403     | 403                   | 403                  | as their role
 * mute / unmute oneself                  | yes  | yes       | yes     | yes                   | 409                  | as their role
 * force-mute others / lift a forced mute | yes  | yes       | 403     | 403                   | 403                  | yes
 * remove (ban) a SPEAKER or AUDIENCE     | yes  | yes       | 403     | 403                   | 403                  | yes
 * remove (ban) a MODERATOR               | yes  | 403       | 403     | 403                   | 403                  | yes
 * remove the HOST                        | -    | 403       | 403     | 403                   | 403                  | yes
 * list bans / unban                      | yes  | yes       | 403     | 403                   | 403                  | yes
 * chat-mute others                       | yes  | yes       | 403     | 403                   | 403                  | yes
 * </pre>
 * An act aimed at someone else (approve, invite, deny, demote, promote, hand over, mute, remove, chat-mute) whose
 * target has never been in the room is 404 {@code /problems/not-found}; one whose target has left is 409
 * {@code /problems/conflict}, except a ban, which still applies to someone who has left. Unbanning someone who is
 * not banned is 404. (Tested in StageRolesTest.)
 */
@ApplicationModule(displayName = "Stage")
package dev.tribune.stage;

import org.springframework.modulith.ApplicationModule;
