package dev.tribune.rooms;

import dev.tribune.clubs.ClubDirectory;
import dev.tribune.rooms.RoomDtos.ClubRef;
import dev.tribune.rooms.RoomDtos.RoomCard;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Turns room rows into hallway cards: the panel preview from the row itself, club names in one query per page. */
@Component
class RoomCards {

    private final ClubDirectory clubs;

    RoomCards(ClubDirectory clubs) {
        this.clubs = clubs;
    }

    List<RoomCard> cards(List<Room> rooms) {
        Map<UUID, String> clubNames = clubs.names(rooms.stream().map(Room::clubId).filter(Objects::nonNull).distinct().toList());
        return rooms.stream().map(room -> card(room, clubNames)).toList();
    }

    RoomCard card(Room room, Map<UUID, String> clubNames) {
        return new RoomCard("room", room.id(), room.name(), club(room, clubNames), room.visibility(), room.status(),
                room.panelPreview(), room.speakerCount(), room.participantCount(), room.startedAt(), room.scheduledFor());
    }

    ClubRef club(Room room, Map<UUID, String> clubNames) {
        return room.clubId() == null ? null : new ClubRef(room.clubId(), clubNames.get(room.clubId()));
    }
}
