package dev.tribune;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep provider adapters and the core apart (STYLE.md rule 5). Each rule also proves that the
 * packages it speaks of exist, so a rename cannot make it pass vacuously.
 */
class ArchitectureTests {

    static final String ADAPTERS = "dev.tribune.media.provider..";
    static final List<String> VENDOR_SDKS = List.of("com.twilio..", "live.hms..", "io.livekit..", "livekit..");

    static final JavaClasses TRIBUNE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tribune");

    /** The core (everything outside the adapters) never imports an RTC vendor's SDK. */
    static final ArchRule CORE_NEVER_IMPORTS_A_VENDOR_SDK = noClasses()
            .that().resideInAPackage("dev.tribune..").and().resideOutsideOfPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(VENDOR_SDKS.toArray(String[]::new))
            .as("the core never imports an RTC vendor SDK");

    /** The core never reaches into an adapter: it speaks to the RtcProvider port only. */
    static final ArchRule CORE_NEVER_IMPORTS_AN_ADAPTER = noClasses()
            .that().resideInAPackage("dev.tribune..").and().resideOutsideOfPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
            .as("the core never depends on a provider adapter");

    static final String SPI = "dev.tribune.media.spi";

    /**
     * Adapters see Tribune only through the SPI (dev.tribune.media.spi) and their own package: not the media core
     * (its outbox, tables, health), not another module, not another adapter.
     */
    static final ArchRule ADAPTERS_USE_ONLY_THE_SPI = classes()
            .that().resideInAPackage(ADAPTERS)
            .should(dependOnlyOnTheSpiAndTheirOwnPackage())
            .as("provider adapters depend on nothing in dev.tribune but " + SPI + " and their own package");

    private static ArchCondition<JavaClass> dependOnlyOnTheSpiAndTheirOwnPackage() {
        return new ArchCondition<>("depend on nothing in dev.tribune but the SPI and their own package") {
            @Override
            public void check(JavaClass adapterClass, ConditionEvents events) {
                String own = adapterPackage(adapterClass.getPackageName());
                for (Dependency dependency : adapterClass.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String at = target.getPackageName();
                    boolean tribune = at.equals("dev.tribune") || at.startsWith("dev.tribune.");
                    boolean allowed = within(at, SPI) || within(at, own);
                    if (tribune && !allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** dev.tribune.media.provider.janus for any class under it. */
    private static String adapterPackage(String packageName) {
        String[] parts = packageName.split("\\.");
        return String.join(".", List.of(parts).subList(0, Math.min(parts.length, 5)));
    }

    private static boolean within(String packageName, String root) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }

    static final ArchRule ADAPTERS_NEVER_IMPORT_EACH_OTHER = SlicesRuleDefinition.slices()
            .matching("dev.tribune.media.provider.(*)..")
            .should().notDependOnEachOther()
            .as("provider adapters never import each other");

    /**
     * Media follows rooms (it listens to RoomWentLive and RoomEnded), so rooms never calls media: it asks its one
     * question through the port it owns (rooms.ProviderChoice). A call the other way would make the modules a cycle.
     */
    static final ArchRule ROOMS_NEVER_DEPEND_ON_MEDIA = noClasses()
            .that().resideInAPackage("dev.tribune.rooms..")
            .should().dependOnClassesThat().resideInAPackage("dev.tribune.media..")
            .as("rooms tells media of a room's life by events and never depends on media");

    @Test
    void thePackagesTheRulesSpeakOfExist() {
        for (String adapter : List.of("mesh", "janus", "twilio", "hms", "livekit")) {
            assertThat(TRIBUNE.containPackage("dev.tribune.media.provider." + adapter)).as("the " + adapter + " adapter").isTrue();
        }
        assertThat(TRIBUNE.containPackage("dev.tribune.accounts")).as("a core module").isTrue();
        assertThat(TRIBUNE.containPackage("dev.tribune.shared")).as("the shared kernel").isTrue();
        assertThat(TRIBUNE.containPackage("dev.tribune.rooms")).as("the rooms module").isTrue();
        assertThat(TRIBUNE.containPackage("dev.tribune.media")).as("the media module").isTrue();
        assertThat(TRIBUNE.containPackage(SPI)).as("the adapters' SPI").isTrue();
    }

    @Test
    void roomsNeverDependOnMedia() {
        ROOMS_NEVER_DEPEND_ON_MEDIA.check(TRIBUNE);
    }

    @Test
    void theCoreNeverImportsAVendorSdk() {
        CORE_NEVER_IMPORTS_A_VENDOR_SDK.check(TRIBUNE);
    }

    @Test
    void adaptersUseOnlyTheSpi() {
        ADAPTERS_USE_ONLY_THE_SPI.check(TRIBUNE);
    }

    @Test
    void theCoreNeverDependsOnAnAdapter() {
        CORE_NEVER_IMPORTS_AN_ADAPTER.check(TRIBUNE);
    }

    @Test
    void adaptersNeverImportEachOther() {
        ADAPTERS_NEVER_IMPORT_EACH_OTHER.check(TRIBUNE);
    }
}
