package dev.tribune.accounts;

import dev.tribune.accounts.AccountDtos.PasswordChangeRequest;
import dev.tribune.accounts.AccountDtos.MeView;
import dev.tribune.accounts.AccountDtos.ProfileChangeRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Accounts")
class MeController {

    private final AccountService accounts;

    MeController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(summary = "The signed-in account")
    MeView me(@AuthenticationPrincipal AuthenticatedUser user) {
        return accounts.me(user.id());
    }

    @PatchMapping
    @Operation(summary = "Change the display name or bio (not guests)")
    MeView changeProfile(@AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody ProfileChangeRequest request) {
        return accounts.changeProfile(user.id(), request);
    }

    @DeleteMapping("/sessions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out everywhere: every refresh token of the account dies (access tokens expire on their own)")
    void signOutEverywhere(@AuthenticationPrincipal AuthenticatedUser user) {
        accounts.signOutEverywhere(user.id());
    }

    @PutMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the password; every refresh token of the account dies")
    void changePassword(@AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody PasswordChangeRequest request) {
        accounts.changePassword(user.id(), request);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete the account: personal data erased, chat lines kept as \"deleted user\"")
    void delete(@AuthenticationPrincipal AuthenticatedUser user) {
        accounts.delete(user.id());
    }
}
