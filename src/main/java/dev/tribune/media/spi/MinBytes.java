package dev.tribune.media.spi;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A text at least {@link #value()} bytes long in UTF-8: what an HMAC key needs, which {@code @Size} (characters) does
 * not say. Null and empty pass: whether a setting is required is {@code @NotBlank}'s to say.
 */
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = MinBytesValidator.class)
public @interface MinBytes {

    int value();

    String message() default "must be at least {value} bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
