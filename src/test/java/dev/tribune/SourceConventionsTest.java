package dev.tribune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conventions of the Java sources that the compiler does not check (issue 13, item 9). Types are imported, never
 * written out in full inside code: an inline {@code java.util.concurrent.TimeUnit.SECONDS} hides a dependency from
 * the import list, where readers and reviewers look for it. The test reads every .java file under the service's and
 * the adapters' source roots; package and import lines, comments, Javadoc and string literals are not code here.
 */
class SourceConventionsTest {

    /**
     * Roots scanned, relative to the project folder (Maven runs tests there); adapters are found by listing. Both
     * servers' own roots are read whichever the build compiles (pom.xml, {@code web-server}).
     */
    static final List<String> ROOTS = List.of("src/main/java", "src/test/java", "src/tomcat/java", "src/jetty/java");
    static final Path ADAPTERS = Path.of("provider-adapters");

    /**
     * Where a fully qualified name is the only way to write the code: file (relative, with '/') to the names allowed
     * there, with the reason. An entry that no longer matches anything fails the test, so the list stays true.
     */
    static final Map<String, Allowed> ALLOWED = Map.of(
            "provider-adapters/twilio/src/main/java/dev/tribune/media/provider/twilio/TwilioHttpClient.java",
            new Allowed(Set.of("com.twilio.http.HttpClient"),
                    "it extends Twilio's HttpClient and makes its calls with java.net.http.HttpClient, which is imported"));

    record Allowed(Set<String> names, String reason) {
    }

    @Test
    void codeImportsTypesInsteadOfNamingThemInFull() {
        List<Path> files = javaFiles();
        assertThat(files).as("the Java sources under " + ROOTS + " and " + ADAPTERS).hasSizeGreaterThan(200);

        List<String> violations = new ArrayList<>();
        Set<String> allowedSeen = new LinkedHashSet<>();
        for (Path file : files) {
            String name = file.toString().replace('\\', '/');
            Allowed allowed = ALLOWED.get(name);
            for (Hit hit : QualifiedNames.in(read(file))) {
                if (allowed != null && allowed.names().contains(hit.name())) {
                    allowedSeen.add(name + " " + hit.name());
                } else {
                    violations.add(name + ":" + hit.line() + ": " + hit.name());
                }
            }
        }
        assertThat(violations)
                .as("fully qualified type names in code; import the type (or, where two types of one simple name "
                        + "clash in a file, add it to ALLOWED with the reason)")
                .isEmpty();

        List<String> stale = ALLOWED.entrySet().stream()
                .flatMap(entry -> entry.getValue().names().stream().map(fqn -> entry.getKey() + " " + fqn))
                .filter(entry -> !allowedSeen.contains(entry))
                .toList();
        assertThat(stale).as("ALLOWED entries that no longer occur; remove them").isEmpty();
    }

    @Test
    void theScannerFindsAQualifiedNameInCode() {
        String source = """
                package dev.tribune.example;

                import java.util.List;

                class Example {
                    private final io.micrometer.core.instrument.Counter counter = null;

                    void run() throws Exception {
                        Thread.sleep(java.util.concurrent.TimeUnit.SECONDS.toMillis(1));
                        var t = new org.springframework.transaction.support.TransactionTemplate();
                    }
                }
                """;

        assertThat(QualifiedNames.in(source)).containsExactly(
                new Hit(6, "io.micrometer.core.instrument.Counter"),
                new Hit(9, "java.util.concurrent.TimeUnit"),
                new Hit(10, "org.springframework.transaction.support.TransactionTemplate"));
    }

    @Test
    void theScannerIgnoresPackagesImportsCommentsAndStrings() {
        String source = """
                package dev.tribune.example;

                import java.util.List;
                import static java.util.concurrent.TimeUnit.SECONDS;

                /**
                 * See {@link java.util.concurrent.TimeUnit}.
                 */
                class Example { // unlike java.util.Timer
                    /* a block comment naming java.util.Timer
                       over two lines: java.util.Optional */
                    String name = "java.util.Map.Entry is not code" + 'x' + '"';
                    String escaped = "a \\" java.util.Map \\" b";
                    String block = \"""
                            java.util.Map.Entry in a text block
                            \""";
                    int answer = this.config.values.Size + Math.max(1, 2);
                    List<String> names = List.of("dev.tribune.Example");
                }
                """;

        assertThat(QualifiedNames.in(source)).isEmpty();
    }

    @Test
    void theScannerFindsCodeAfterACommentOnTheSameLine() {
        String source = """
                class Example {
                    /* a note */ java.time.Clock clock; // java.util.Timer
                    String s = "x"; java.time.Duration d;
                }
                """;

        assertThat(QualifiedNames.in(source)).containsExactly(
                new Hit(2, "java.time.Clock"), new Hit(3, "java.time.Duration"));
    }

    static List<Path> javaFiles() {
        List<Path> roots = new ArrayList<>(ROOTS.stream().map(Path::of).toList());
        try (Stream<Path> adapters = Files.list(ADAPTERS)) {
            adapters.filter(Files::isDirectory).sorted().forEach(adapter -> {
                roots.add(adapter.resolve("src/main/java"));
                roots.add(adapter.resolve("src/test/java"));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            assertThat(root).as("a source root").isDirectory();
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(path -> path.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Hit(int line, String name) {
    }

    /** Finds fully qualified type names in the code of one Java source (not in comments, strings or imports). */
    static final class QualifiedNames {

        /**
         * Two or more lowercase package segments, then a type. The look-behind keeps a chain such as
         * {@code a.b.c.D} from matching in its middle; a chain from {@code this} or {@code super} is a field.
         */
        static final Pattern QUALIFIED =
                Pattern.compile("(?<![\\w.])(?!this\\.|super\\.)(?:[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*");
        static final Pattern PACKAGE_OR_IMPORT = Pattern.compile("^\\s*(?:package|import)\\s");

        private QualifiedNames() {
        }

        static List<Hit> in(String source) {
            List<Hit> hits = new ArrayList<>();
            String[] lines = codeOnly(source).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (PACKAGE_OR_IMPORT.matcher(lines[i]).find()) {
                    continue;
                }
                Matcher matcher = QUALIFIED.matcher(lines[i]);
                while (matcher.find()) {
                    hits.add(new Hit(i + 1, matcher.group()));
                }
            }
            return hits;
        }

        /** The source with comments and the contents of string, text block and char literals blanked, lines kept. */
        static String codeOnly(String source) {
            StringBuilder code = new StringBuilder(source.length());
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    while (i < n && source.charAt(i) != '\n') {
                        i++;
                    }
                } else if (source.startsWith("/*", i)) {
                    int end = source.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    blank(source, i, end, code);
                    i = end;
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = closing(source, i + 3, "\"\"\"");
                    blank(source, i, end, code);
                    i = end;
                } else if (c == '"' || c == '\'') {
                    int end = closing(source, i + 1, String.valueOf(c));
                    blank(source, i, end, code);
                    i = end;
                } else {
                    code.append(c);
                    i++;
                }
            }
            return code.toString();
        }

        /** The index just after the delimiter that closes a literal starting at {@code from}, skipping escapes. */
        private static int closing(String source, int from, String delimiter) {
            int i = from;
            while (i < source.length()) {
                if (source.charAt(i) == '\\') {
                    i += 2;
                } else if (source.startsWith(delimiter, i)) {
                    return i + delimiter.length();
                } else {
                    i++;
                }
            }
            return source.length();
        }

        /** Appends the span as spaces, keeping its line breaks so line numbers stay right. */
        private static void blank(String source, int from, int to, StringBuilder code) {
            for (int i = from; i < to; i++) {
                code.append(source.charAt(i) == '\n' ? '\n' : ' ');
            }
        }
    }
}
