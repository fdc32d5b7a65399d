package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The username an account made by a Firebase sign-in starts with: the profile brought to {@code ^[a-z0-9_.]{3,30}$}. */
class FirebaseUsernamesTest {

    private static final String RULE = "^[a-z0-9_.]{3,30}$";

    @Test
    void theEmailsLocalPartComesFirstAndTheNameWhenThereIsNoEmail() {
        assertThat(FirebaseUsernames.base("Ada.Lovelace@example.com", "Ada Lovelace")).isEqualTo("ada.lovelace");
        assertThat(FirebaseUsernames.base(null, "Ada Lovelace")).isEqualTo("ada_lovelace");
        assertThat(FirebaseUsernames.base("not-an-email", "Ada Byron")).as("not an email").isEqualTo("ada_byron");
    }

    @Test
    void accentsAreDroppedAndEverythingElseOutsideTheRuleBecomesOneUnderscore() {
        assertThat(FirebaseUsernames.base("zoë+tribune@example.com", null)).isEqualTo("zoe_tribune");
        assertThat(FirebaseUsernames.base(null, "  Émile -- Zola!  ")).isEqualTo("emile_zola");
        assertThat(FirebaseUsernames.base("..a__b..@example.com", null)).isEqualTo("a_b");
    }

    @Test
    void tooShortTooLongOrNothingLeftStillMakesAUsername() {
        assertThat(FirebaseUsernames.base("jo@example.com", null)).isEqualTo("jo_user").matches(RULE);
        assertThat(FirebaseUsernames.base(null, "李小龍")).isEqualTo("user");
        assertThat(FirebaseUsernames.base(null, null)).isEqualTo("user");
        assertThat(FirebaseUsernames.base("a".repeat(29) + ".b@example.com", null)).isEqualTo("a".repeat(29)).matches(RULE);
    }

    @Test
    void takenNamesAreFollowedByNumbersWithinThirtyCharacters() {
        assertThat(FirebaseUsernames.candidates("ada", 1, 3)).containsExactly("ada", "ada2", "ada3");
        String long30 = "b".repeat(30);
        assertThat(FirebaseUsernames.candidates(long30, 9, 2)).containsExactly("b".repeat(29) + "9", "b".repeat(28) + "10")
                .allMatch(name -> name.matches(RULE));
    }

    @Test
    void theDisplayNameIsTheProfileNameWithoutControlCharactersAndAtMostFiftyCharacters() {
        assertThat(FirebaseUsernames.displayName("Ada\u0000 Lovelace\n", "ada")).isEqualTo("Ada Lovelace");
        assertThat(FirebaseUsernames.displayName("x".repeat(80), "ada")).hasSize(50);
        assertThat(FirebaseUsernames.displayName("   ", "ada")).isEqualTo("ada");
        assertThat(FirebaseUsernames.displayName(null, "ada")).isEqualTo("ada");
    }
}
