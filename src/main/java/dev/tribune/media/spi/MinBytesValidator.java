package dev.tribune.media.spi;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.charset.StandardCharsets;

class MinBytesValidator implements ConstraintValidator<MinBytes, CharSequence> {

    private int min;

    @Override
    public void initialize(MinBytes constraint) {
        min = constraint.value();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || value.isEmpty() || value.toString().getBytes(StandardCharsets.UTF_8).length >= min;
    }
}
