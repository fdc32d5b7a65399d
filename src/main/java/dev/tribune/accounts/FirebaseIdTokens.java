package dev.tribune.accounts;

import com.google.api.core.ApiFuture;
import com.google.firebase.FirebaseApp;
import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import dev.tribune.firebase.FirebaseConnection;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.ProblemType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks Firebase ID tokens with firebase-admin: signature (skipped by the SDK against the Auth emulator), project,
 * expiry, and, on every sign-in, that the user still exists, is not disabled and has not had their tokens revoked.
 * A token that fails is a 401 saying why; a Firebase that cannot answer within {@code tribune.firebase.timeout} is a
 * 503. The token itself is never logged nor repeated in an answer.
 */
@Component
class FirebaseIdTokens {

    /** Shared with the media providers' 503: clients treat both as "someone else is down, try again shortly". */
    static final ProblemType PROVIDER_UNAVAILABLE =
            new ProblemType("provider-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Sign-in provider unavailable");
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(FirebaseIdTokens.class);

    /** Who a valid token speaks for; {@code email} and {@code name} are null when the profile has none. */
    record FirebaseIdentity(String uid, String email, String name) {
    }

    private final FirebaseConnection firebase;

    FirebaseIdTokens(FirebaseConnection firebase) {
        this.firebase = firebase;
    }

    /** 404 when Firebase is off, so that the endpoint looks as it does without Firebase. */
    void requireEnabled() {
        if (firebase.app().isEmpty()) {
            throw ApiException.notFound("Firebase sign-in is not enabled here.");
        }
    }

    FirebaseIdentity verify(String idToken) {
        FirebaseApp app = firebase.app().orElseThrow(() -> ApiException.notFound("Firebase sign-in is not enabled here."));
        Duration timeout = firebase.properties().timeout();
        // the SDK retries some answers with back-off on its own; the deadline bounds the whole check
        ApiFuture<FirebaseToken> checked = FirebaseAuth.getInstance(app).verifyIdTokenAsync(idToken, true);
        try {
            FirebaseToken token = checked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new FirebaseIdentity(token.getUid(), token.getEmail(), token.getName());
        } catch (TimeoutException slow) {
            checked.cancel(true);
            log.warn("Firebase did not answer a sign-in check within {}", timeout);
            throw unavailable("Firebase did not answer within " + timeout.toSeconds() + " s; try again shortly.");
        } catch (InterruptedException interrupted) {
            checked.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable("The sign-in check was interrupted; try again.");
        } catch (ExecutionException failed) {
            throw refusal(failed.getCause());
        }
    }

    private static ApiException refusal(Throwable failure) {
        if (failure instanceof FirebaseAuthException auth && auth.getAuthErrorCode() != null) {
            String detail = tokenProblem(auth.getAuthErrorCode(), String.valueOf(auth.getMessage()));
            if (detail != null) {
                return ApiException.unauthorized(detail);
            }
        }
        // a token the SDK could not read (only possible without signatures, against the emulator: a claim missing)
        if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException
                || failure instanceof ClassCastException) {
            return ApiException.unauthorized("The Firebase ID token is not a well-formed token.");
        }
        // unreachable, a timeout, a server error, or a project Tribune may not use: nothing the person can fix
        if (failure instanceof FirebaseAuthException auth) {
            log.warn("Firebase could not check a sign-in: {} {} ({})", auth.getErrorCode(), auth.getAuthErrorCode(),
                    auth.getMessage());
        } else {
            log.warn("Firebase could not check a sign-in: {}", String.valueOf(failure));
        }
        return unavailable("Firebase cannot check sign-ins right now; try again shortly.");
    }

    /** Null when the code is not about the token or its user (then Firebase itself is the problem). */
    private static String tokenProblem(AuthErrorCode code, String message) {
        return switch (code) {
            case EXPIRED_ID_TOKEN -> "The Firebase ID token has expired: sign in with Google again.";
            case REVOKED_ID_TOKEN -> "The Firebase ID token has been revoked: sign in with Google again.";
            case USER_DISABLED -> "This Firebase user is disabled.";
            case USER_NOT_FOUND -> "This Firebase user does not exist (any more).";
            case TENANT_ID_MISMATCH -> "The Firebase ID token belongs to another tenant.";
            case INVALID_ID_TOKEN -> invalidBecause(message);
            default -> null;
        };
    }

    /** The SDK's reasons name claim values; the answer says which check failed in words of its own. */
    private static String invalidBecause(String message) {
        if (message.contains("\"aud\"") || message.contains("\"iss\"")) {
            return "The Firebase ID token was issued for another Firebase project.";
        }
        if (message.contains("Failed to parse")) {
            return "The Firebase ID token is not a well-formed token.";
        }
        if (message.contains("signature") || message.contains("algorithm") || message.contains("\"kid\"")) {
            return "The Firebase ID token's signature does not verify.";
        }
        if (message.contains("not yet valid")) {
            return "The Firebase ID token is not valid yet.";
        }
        return "The Firebase ID token is not valid.";
    }

    private static ApiException unavailable(String detail) {
        return new ApiException(PROVIDER_UNAVAILABLE, detail, List.of(), RETRY_AFTER);
    }
}
