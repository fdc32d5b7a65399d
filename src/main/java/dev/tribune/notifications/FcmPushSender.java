package dev.tribune.notifications;

import com.google.firebase.FirebaseApp;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import com.google.firebase.messaging.WebpushConfig;
import com.google.firebase.messaging.WebpushFcmOptions;
import com.google.firebase.messaging.WebpushNotification;
import dev.tribune.firebase.FirebaseConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Push through FCM HTTP v1 with firebase-admin's {@code sendEach} (one request per message, in parallel). FCM's errors
 * (firebase.google.com/docs/cloud-messaging/error-codes) decide each outcome: UNREGISTERED, INVALID_ARGUMENT and
 * SENDER_ID_MISMATCH mean the token is of no use; QUOTA_EXCEEDED (429), UNAVAILABLE, INTERNAL and any other 5xx or
 * I/O failure are tried again, after Retry-After when given; anything else fails for good. firebase-admin types stay in
 * this class.
 */
@Component
class FcmPushSender implements PushSender {

    private final Optional<FirebaseMessaging> messaging;
    private final Clock clock;

    FcmPushSender(FirebaseConnection firebase, Clock clock) {
        this.messaging = firebase.app().map(FcmPushSender::messagingOf);
        this.clock = clock;
    }

    private static FirebaseMessaging messagingOf(FirebaseApp app) {
        return FirebaseMessaging.getInstance(app);
    }

    @Override
    public boolean enabled() {
        return messaging.isPresent();
    }

    @Override
    public List<Outcome> send(List<PushMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        FirebaseMessaging fcm = messaging.orElseThrow(() -> new IllegalStateException("push is off: Firebase is not configured"));
        List<Message> fcmMessages = messages.stream().map(FcmPushSender::toFcm).toList();
        try {
            BatchResponse batch = fcm.sendEach(fcmMessages);
            List<Outcome> outcomes = new ArrayList<>(messages.size());
            for (SendResponse response : batch.getResponses()) {
                outcomes.add(response.isSuccessful() ? new Delivered() : outcome(response.getException()));
            }
            return outcomes;
        } catch (FirebaseMessagingException whole) {
            return Collections.nCopies(messages.size(), outcome(whole));
        }
    }

    private static Message toFcm(PushMessage m) {
        return Message.builder()
                .setToken(m.token())
                .setNotification(Notification.builder().setTitle(m.title()).setBody(m.body()).build())
                .putAllData(m.data())
                .setWebpushConfig(WebpushConfig.builder()
                        .setNotification(WebpushNotification.builder().setTitle(m.title()).setBody(m.body()).setTag(m.tag()).build())
                        .setFcmOptions(WebpushFcmOptions.withLink(m.link()))
                        .build())
                .build();
    }

    private Outcome outcome(FirebaseMessagingException e) {
        MessagingErrorCode code = e.getMessagingErrorCode();
        IncomingHttpResponse response = e.getHttpResponse();
        int status = response == null ? 0 : response.getStatusCode();
        String reason = (code != null ? code.name() : e.getErrorCode().name()) + (status > 0 ? " (HTTP " + status + ")" : "");
        if (code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.INVALID_ARGUMENT
                || code == MessagingErrorCode.SENDER_ID_MISMATCH) {
            return new TokenGone(reason);
        }
        if (code == MessagingErrorCode.QUOTA_EXCEEDED || code == MessagingErrorCode.UNAVAILABLE || code == MessagingErrorCode.INTERNAL
                || status == 429 || status >= 500 || response == null) {
            return new TryAgain(reason, retryAfter(response));
        }
        return new Failed(reason);
    }

    /** Retry-After in seconds or as an HTTP date; zero when absent or unreadable. */
    private Duration retryAfter(IncomingHttpResponse response) {
        if (response == null) {
            return Duration.ZERO;
        }
        Object header = response.getHeaders().get("retry-after");
        if (header instanceof List<?> list) {
            header = list.isEmpty() ? null : list.getFirst();
        }
        if (header == null) {
            return Duration.ZERO;
        }
        String value = header.toString().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return Duration.ZERO;
            }
        }
    }
}
