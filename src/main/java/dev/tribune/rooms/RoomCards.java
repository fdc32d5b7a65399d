package dev.tribune.rooms;

import dev.tribune.clubs.ClubDirectory;
import dev.tribune.rooms.RoomDtos.ClubRef;
import dev.tribune.rooms.RoomDtos.RoomCard;
import dev.tribune.rooms.RoomDtos.Seat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Turns room rows into hallway cards: the panel preview from the row itself, club names in one query per page. */
@Component
class RoomCards {

    private static final TypeReference<List<Seat>> SEATS = new TypeReference<>() {
    };

    private final ClubDirectory clubs;
    private final JsonMapper json;

    RoomCards(ClubDirectory clubs, JsonMapper json) {
        this.clubs = clubs;
        this.json = json;
    }

    List<RoomCard> cards(List<Room> rooms) {
        Map<UUID, String> clubNames = clubs.names(rooms.stream().map(Room::clubId).filter(Objects::nonNull).distinct().toList());
        return rooms.stream().map(room -> card(room, clubNames)).toList();
    }

    RoomCard card(Room room, Map<UUID, String> clubNames) {
        return new RoomCard("room", room.id(), room.name(), club(room, clubNames), room.visibility(), room.status(),
                seats(room.panelPreview()), room.speakerCount(), room.participantCount(), room.startedAt(), room.scheduledFor());
    }

    ClubRef club(Room room, Map<UUID, String> clubNames) {
        return room.clubId() == null ? null : new ClubRef(room.clubId(), clubNames.get(room.clubId()));
    }

    List<Seat> seats(String panelPreview) {
        return json.readValue(panelPreview, SEATS);
    }
}
