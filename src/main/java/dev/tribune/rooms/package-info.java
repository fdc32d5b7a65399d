/**
 * Rooms and the hallway: creating, scheduling, starting and ending rooms, who may see a room, the feeds, room
 * detail, the audience list and search.
 */
@ApplicationModule(displayName = "Rooms")
package dev.tribune.rooms;

import org.springframework.modulith.ApplicationModule;
