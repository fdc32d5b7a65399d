package dev.tribune.media.spi;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * The limits that several adapters' settings share, said once as constraints for their {@code @Validated}
 * {@code tribune.rtc.<vendor>} records (with {@link AbsoluteUrl} and {@link MinBytes}); the shared kernel's
 * {@code SettingsFailureAnalyzer} turns a broken one into the start-up message.
 */
public final class ProviderLimits {

    private ProviderLimits() {
    }

    /** How long to wait for a vendor (connecting, or one answer): set and positive. */
    @NotNull
    @DurationMin(nanos = 0, inclusive = false)
    @ReportAsSingleViolation
    @Target({FIELD, METHOD, PARAMETER})
    @Retention(RUNTIME)
    @Constraint(validatedBy = {})
    public @interface Timeout {

        String message() default "must be positive";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A grant's lifetime: API.md promises grants of at most 10 minutes, refreshed by joining again. */
    @NotNull
    @DurationMin(nanos = 0, inclusive = false)
    @DurationMax(minutes = 10)
    @ReportAsSingleViolation
    @Target({FIELD, METHOD, PARAMETER})
    @Retention(RUNTIME)
    @Constraint(validatedBy = {})
    public @interface GrantLifetime {

        String message() default "must be positive and at most 10m";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A vendor's room caps: the speakers are participants too. */
    public interface RoomCaps {

        /** HOST, MODERATORs and SPEAKERs together. */
        int maxSpeakers();

        /** Everyone in a room, speakers included. */
        int maxParticipants();

        @AssertTrue(message = "max-speakers must not exceed max-participants")
        default boolean isSpeakersWithinParticipants() {
            return maxSpeakers() <= maxParticipants();
        }
    }
}
