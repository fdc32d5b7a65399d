package dev.tribune.shared;

/** One entry of a validation problem's {@code errors[]}: which field, and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
