package dev.tribune.accounts;

import dev.tribune.accounts.AccountDtos.ProfileView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users/{userId}")
@Tag(name = "People")
class PeopleController {

    private final Profiles profiles;

    PeopleController(Profiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    @Operation(summary = "A person's profile: bio, follower counts, whether the caller follows them, their clubs")
    ProfileView profile(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID userId) {
        return profiles.profile(caller, userId);
    }

    @PutMapping("/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Follow a person; their LIVE rooms then show in feed=following")
    void follow(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID userId) {
        profiles.follow(caller, userId);
    }

    @DeleteMapping("/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop following a person")
    void unfollow(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID userId) {
        profiles.unfollow(caller, userId);
    }
}
