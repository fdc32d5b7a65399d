package dev.tribune.clubs;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.clubs.ClubDtos.ClubCard;
import dev.tribune.clubs.ClubDtos.ClubView;
import dev.tribune.clubs.ClubDtos.CreateClubRequest;
import dev.tribune.clubs.ClubDtos.MemberView;
import dev.tribune.clubs.ClubDtos.MembershipRequest;
import dev.tribune.clubs.ClubDtos.TopicView;
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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Clubs")
class ClubController {

    private final ClubService clubs;

    ClubController(ClubService clubs) {
        this.clubs = clubs;
    }

    @GetMapping("/topics")
    @Operation(summary = "Topics clubs are about")
    Page<TopicView> topics(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor) {
        return clubs.topics(limit, cursor);
    }

    @GetMapping("/clubs")
    @Operation(summary = "Discover clubs: by words (best match first) or newest first, optionally within a topic")
    Page<ClubCard> discover(@RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) UUID topicId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor) {
        return clubs.discover(q, topicId, limit, cursor);
    }

    @PostMapping("/clubs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Found a club: the caller becomes its founder and first ADMIN")
    ClubView create(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody CreateClubRequest request) {
        return clubs.create(caller, request);
    }

    @GetMapping("/clubs/{clubId}")
    ClubView club(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID clubId) {
        return clubs.view(caller, clubId);
    }

    @GetMapping("/clubs/{clubId}/members")
    Page<MemberView> members(@PathVariable UUID clubId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor) {
        return clubs.members(clubId, limit, cursor);
    }

    @PutMapping("/clubs/{clubId}/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void follow(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID clubId) {
        clubs.follow(caller, clubId);
    }

    @DeleteMapping("/clubs/{clubId}/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unfollow(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID clubId) {
        clubs.unfollow(caller, clubId);
    }

    @PutMapping("/clubs/{clubId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Add a member or change their role (club ADMINs)")
    void putMember(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID clubId, @PathVariable UUID userId,
            @Valid @RequestBody MembershipRequest request) {
        clubs.putMember(caller, clubId, userId, request.role());
    }

    @DeleteMapping("/clubs/{clubId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (club ADMINs) or leave (the member); the last ADMIN cannot leave")
    void removeMember(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID clubId, @PathVariable UUID userId) {
        clubs.removeMember(caller, clubId, userId);
    }
}
