package dev.tribune.rooms;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.rooms.RoomDtos.CreateRoomRequest;
import dev.tribune.rooms.RoomDtos.Listener;
import dev.tribune.rooms.RoomDtos.RoomCard;
import dev.tribune.rooms.RoomDtos.RoomDetail;
import dev.tribune.rooms.RoomDtos.UpdateRoomRequest;
import dev.tribune.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Rooms")
class RoomController {

    private final RoomService rooms;
    private final RoomDetails details;
    private final Hallway hallway;

    RoomController(RoomService rooms, RoomDetails details, Hallway hallway) {
        this.rooms = rooms;
        this.details = details;
        this.hallway = hallway;
    }

    @PostMapping("/rooms")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a room, LIVE at once or SCHEDULED; the creator is its HOST")
    RoomDetail create(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody CreateRoomRequest request) {
        UUID id = rooms.create(caller, request);
        return details.detail(caller, id, null);
    }

    @GetMapping("/rooms")
    @Operation(summary = "The hallway: feed=all (LIVE rooms, newest first), following, or scheduled (soonest first)")
    Page<RoomCard> feed(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(defaultValue = "all") @Size(max = 20) String feed,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return hallway.feed(caller, Hallway.Feed.named(feed), limit, cursor);
    }

    @GetMapping("/rooms/{roomId}")
    @Operation(summary = "Room detail; PRIVATE rooms need their inviteCode unless the caller has been in them")
    RoomDetail detail(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @RequestParam(required = false) @Size(max = 100) String inviteCode) {
        return details.detail(caller, roomId, inviteCode);
    }

    @PatchMapping("/rooms/{roomId}")
    @Operation(summary = "Change name, description, chat setting or slow mode (HOST, MODERATOR)")
    RoomDetail update(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @Valid @RequestBody UpdateRoomRequest request) {
        rooms.update(caller, roomId, request);
        return details.detail(caller, roomId, null);
    }

    @PostMapping("/rooms/{roomId}/start")
    @Operation(summary = "Start a SCHEDULED room (HOST)")
    RoomDetail start(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId) {
        rooms.start(caller, roomId);
        return details.detail(caller, roomId, null);
    }

    @PostMapping("/rooms/{roomId}/end")
    @Operation(summary = "End the room for everyone, or cancel a SCHEDULED one (HOST)")
    RoomDetail end(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId) {
        rooms.end(caller, roomId);
        return details.detail(caller, roomId, null);
    }

    @GetMapping("/rooms/{roomId}/audience")
    @Operation(summary = "The room's present AUDIENCE, oldest arrival first")
    Page<Listener> audience(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @RequestParam(required = false) @Size(max = 100) String inviteCode,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return details.audience(caller, roomId, inviteCode, limit, cursor);
    }

    @GetMapping("/clubs/{clubId}/rooms")
    @Operation(summary = "The club's LIVE and SCHEDULED rooms the caller may see")
    Page<RoomCard> clubRooms(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID clubId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return hallway.clubRooms(caller, clubId, limit, cursor);
    }

    @GetMapping("/search")
    @Operation(summary = "Find LIVE and SCHEDULED rooms and clubs by words, best match first; type=rooms or clubs narrows it")
    Page<Object> search(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam @Size(max = 200) String q,
            @RequestParam(required = false) @Size(max = 10) String type,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return hallway.search(caller, q, Hallway.Kind.named(type), limit, cursor);
    }
}
