package dev.tribune.shared;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Path variables and query parameters, read as strictly as JSON bodies ({@link StrictInputConfiguration}): ids are
 * canonical UUIDs ({@link Ids#parse}), numbers plain decimal digits, booleans {@code true} or {@code false}.
 * Spring's defaults are lenient ({@code UUID.fromString} reads "1-1-1-1-1"; numbers may be {@code 0x10} or padded
 * with spaces; booleans {@code yes}, {@code on}, {@code 1}), and they cannot simply be replaced by stricter
 * converters: when a converter refuses a value, Spring tries its default property editors next. Editors registered
 * here are asked first and are the only ones asked. A refused value is a 400 naming the parameter.
 */
@ControllerAdvice
class StrictParameters {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");

    @InitBinder
    void strictEditors(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new Strict(true, Ids::parse));
        binder.registerCustomEditor(Integer.class, new Strict(true, text -> Integer.valueOf(wholeNumber(text))));
        binder.registerCustomEditor(int.class, new Strict(false, text -> Integer.valueOf(wholeNumber(text))));
        binder.registerCustomEditor(Long.class, new Strict(true, text -> Long.valueOf(wholeNumber(text))));
        binder.registerCustomEditor(long.class, new Strict(false, text -> Long.valueOf(wholeNumber(text))));
        binder.registerCustomEditor(Boolean.class, new Strict(true, StrictParameters::trueOrFalse));
        binder.registerCustomEditor(boolean.class, new Strict(false, StrictParameters::trueOrFalse));
    }

    private static String wholeNumber(String text) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a whole number");
        }
        return text;
    }

    private static Boolean trueOrFalse(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    /** An empty value is absent (null) where the type allows it, and refused for a primitive. */
    private static final class Strict extends PropertyEditorSupport {

        private final boolean emptyIsNull;
        private final Function<String, Object> parse;

        Strict(boolean emptyIsNull, Function<String, Object> parse) {
            this.emptyIsNull = emptyIsNull;
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            if ((text == null || text.isEmpty()) && emptyIsNull) {
                setValue(null);
                return;
            }
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            setValue(parse.apply(text));
        }
    }
}
