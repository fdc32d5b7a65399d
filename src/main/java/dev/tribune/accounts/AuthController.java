package dev.tribune.accounts;

import dev.tribune.accounts.AccountDtos.FirebaseSignInRequest;
import dev.tribune.accounts.AccountDtos.GuestRequest;
import dev.tribune.accounts.AccountDtos.LoginRequest;
import dev.tribune.accounts.AccountDtos.RefreshRequest;
import dev.tribune.accounts.AccountDtos.RegisterRequest;
import dev.tribune.accounts.AccountDtos.SessionView;
import dev.tribune.accounts.AccountDtos.TicketView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Accounts")
class AuthController {

    private final AccountService accounts;
    private final WsTickets tickets;
    private final FirebaseSignIn firebase;

    AuthController(AccountService accounts, WsTickets tickets, FirebaseSignIn firebase) {
        this.accounts = accounts;
        this.tickets = tickets;
        this.firebase = firebase;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account and sign in")
    SessionView register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        return accounts.registerAndSignIn(request, http.getRemoteAddr());
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in with username and password")
    SessionView login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return accounts.login(request, http.getRemoteAddr());
    }

    @PostMapping("/guest")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Continue as a guest: listen, raise a hand, chat and report")
    SessionView guest(@Valid @RequestBody(required = false) GuestRequest request, HttpServletRequest http) {
        return accounts.guest(request, http.getRemoteAddr());
    }

    @PostMapping("/firebase")
    @Operation(summary = "Sign in with a Firebase ID token; with a bearer, link it to that account (a guest becomes "
            + "the Firebase user's account, keeping its id)")
    SessionView firebase(@Valid @RequestBody FirebaseSignInRequest request, @AuthenticationPrincipal AuthenticatedUser user,
            HttpServletRequest http) {
        return firebase.signIn(request.idToken(), user, http.getRemoteAddr());
    }

    @PostMapping("/refresh")
    @Operation(summary = "Trade a refresh token (single use) for a new session")
    SessionView refresh(@Valid @RequestBody RefreshRequest request) {
        return accounts.refresh(request);
    }

    @PostMapping("/ws-ticket")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A single-use ticket, valid 30 s, to open /ws without a token in the URL")
    TicketView wsTicket(@AuthenticationPrincipal AuthenticatedUser user) {
        WsTickets.Ticket ticket = tickets.issue(user);
        return new TicketView(ticket.ticket(), ticket.expiresAt());
    }
}
