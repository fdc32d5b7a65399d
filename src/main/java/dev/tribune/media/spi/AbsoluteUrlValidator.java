package dev.tribune.media.spi;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

class AbsoluteUrlValidator implements ConstraintValidator<AbsoluteUrl, Object> {

    private List<String> schemes;

    @Override
    public void initialize(AbsoluteUrl constraint) {
        schemes = List.of(constraint.schemes());
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null || value.toString().isBlank()) {
            return true;
        }
        try {
            URI uri = new URI(value.toString().strip());
            return uri.getHost() != null && uri.getScheme() != null
                    && schemes.stream().anyMatch(scheme -> scheme.equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
