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
 * An absolute URL (a {@code String} or {@code URI}) with a host and one of {@link #schemes()}. Null and blank pass:
 * whether a setting is required is {@code @NotBlank}'s to say.
 */
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = AbsoluteUrlValidator.class)
public @interface AbsoluteUrl {

    String[] schemes() default {"https", "http"};

    String message() default "must be an http(s) URL with a host";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
