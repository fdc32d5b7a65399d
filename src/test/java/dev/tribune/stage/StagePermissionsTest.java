package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The permission matrix of {@code package-info.java}, executed: each row below is a row of that table, word for
 * word, and each cell is what {@link StagePermissions#decide} answers for that role. The last two tests keep this
 * table, the one in {@code package-info.java} and {@link StageAction} the same.
 */
class StagePermissionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', useHeadersInDisplayName = true, textBlock = """
            action                                 | HOST | MODERATOR | SPEAKER | AUDIENCE              | not in room          | platform staff
            join / leave                           | yes  | yes       | yes     | yes                   | join (404 if hidden) | as their role
            raise own hand                         | 409  | 409       | 409     | yes                   | 409                  | as their role
            lower own hand                         | -    | -         | -       | yes                   | 409                  | as their role
            approve a hand / invite to speak       | yes  | yes       | 403     | 403                   | 403                  | yes
            accept own invitation                  | -    | -         | -       | yes (403 without one) | 409                  | as their role
            decline own invitation                 | -    | -         | -       | yes                   | 409                  | as their role
            deny a raised hand                     | yes  | yes       | 403     | 403                   | 403                  | yes
            move a SPEAKER to the audience         | yes  | yes       | self    | 403                   | 403                  | yes
            make / unmake a MODERATOR              | yes  | 403       | 403     | 403                   | 403                  | yes
            hand over the HOST role                | yes  | 403       | 403     | 403                   | 403                  | as their role
            mute / unmute oneself                  | yes  | yes       | yes     | yes                   | 409                  | as their role
            force-mute others / lift a forced mute | yes  | yes       | 403     | 403                   | 403                  | yes
            remove (ban) a SPEAKER or AUDIENCE     | yes  | yes       | 403     | 403                   | 403                  | yes
            remove (ban) a MODERATOR               | yes  | 403       | 403     | 403                   | 403                  | yes
            remove the HOST                        | -    | 403       | 403     | 403                   | 403                  | yes
            list bans / unban                      | yes  | yes       | 403     | 403                   | 403                  | yes
            chat-mute others                       | yes  | yes       | 403     | 403                   | 403                  | yes
            """)
    void matrix(String action, String host, String moderator, String speaker, String audience, String notInRoom, String staff) {
        StageAction row = StageAction.described(action);
        assertThat(cell(row, StageRole.HOST)).as("HOST").isEqualTo(host);
        assertThat(cell(row, StageRole.MODERATOR)).as("MODERATOR").isEqualTo(moderator);
        assertThat(cell(row, StageRole.SPEAKER)).as("SPEAKER").isEqualTo(speaker);
        assertThat(cell(row, StageRole.AUDIENCE)).as("AUDIENCE").isEqualTo(audience);
        assertThat(cell(row, null)).as("not in room").isEqualTo(notInRoom);
        assertThat(StagePermissions.decideForStaff(row).cell).as("platform staff").isEqualTo(staff);
        for (StageRole role : new StageRole[] {StageRole.HOST, StageRole.MODERATOR, StageRole.SPEAKER, StageRole.AUDIENCE, null}) {
            String expected = staff.equals("as their role") ? cell(row, role) : staff;
            assertThat(StagePermissions.decide(row, role, true).cell).as("platform staff who is " + role + " in the room").isEqualTo(expected);
            assertThat(StagePermissions.decide(row, role, false).cell).as("not staff, " + role).isEqualTo(cell(row, role));
        }
    }

    @Test
    void theTableAboveIsTheOneInPackageInfo() throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/main/java/dev/tribune/stage/package-info.java"));
        List<String> documented = source.subList(source.indexOf(" * <pre>") + 1, source.indexOf(" * </pre>")).stream()
                .map(line -> line.replaceFirst("^ \\* ?", "").stripTrailing()).toList();
        assertThat(documented).isNotEmpty().isEqualTo(testedTable());
    }

    @Test
    void everyStageActionIsOneRowOfTheTable() {
        List<String> rows = testedTable().stream().skip(1).map(line -> line.substring(0, line.indexOf('|')).strip()).toList();
        assertThat(rows).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(StageAction.values()).map(a -> a.words).toList());
    }

    private static String cell(StageAction action, StageRole actor) {
        return StagePermissions.decide(action, actor).cell;
    }

    private static List<String> testedTable() {
        try {
            CsvSource table = StagePermissionsTest.class
                    .getDeclaredMethod("matrix", String.class, String.class, String.class, String.class, String.class, String.class, String.class)
                    .getAnnotation(CsvSource.class);
            return table.textBlock().lines().map(String::stripTrailing).toList();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
