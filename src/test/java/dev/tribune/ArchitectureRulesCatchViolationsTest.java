package dev.tribune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.twilio.fixture.FakeVendorType;
import dev.tribune.archfixture.FixtureApplication;
import dev.tribune.archfixture.LeakyCore;
import dev.tribune.media.provider.fakefive.SpiOnlyAdapter;
import dev.tribune.media.provider.fakefour.OutboxWritingAdapter;
import dev.tribune.media.provider.fakeone.FakeOneAdapter;
import dev.tribune.media.provider.fakethree.NosyAdapter;
import dev.tribune.media.provider.faketwo.FakeTwoAdapter;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The architecture rules are not vacuous: run against deliberate violations (test fixtures), they fail. */
class ArchitectureRulesCatchViolationsTest {

    static final JavaClasses FIXTURES = new ClassFileImporter()
            .importClasses(LeakyCore.class, FakeOneAdapter.class, FakeTwoAdapter.class, NosyAdapter.class,
                    FakeVendorType.class);

    @Test
    void aCoreClassImportingAVendorSdkIsCaught() {
        assertThat(ArchitectureTests.CORE_NEVER_IMPORTS_A_VENDOR_SDK.evaluate(FIXTURES).hasViolation()).isTrue();
    }

    @Test
    void aCoreClassImportingAnAdapterIsCaught() {
        assertThat(ArchitectureTests.CORE_NEVER_IMPORTS_AN_ADAPTER.evaluate(FIXTURES).hasViolation()).isTrue();
    }

    @Test
    void anAdapterImportingAnotherIsCaught() {
        assertThat(ArchitectureTests.ADAPTERS_NEVER_IMPORT_EACH_OTHER.evaluate(FIXTURES).hasViolation()).isTrue();
    }

    @Test
    void anAdapterReachingPastTheSpiIsCaught() {
        assertThat(ArchitectureTests.ADAPTERS_USE_ONLY_THE_SPI.evaluate(FIXTURES).hasViolation()).isTrue();
    }

    @Test
    void anAdapterReachingIntoTheMediaCoreIsCaught() {
        EvaluationResult result = ArchitectureTests.ADAPTERS_USE_ONLY_THE_SPI
                .evaluate(new ClassFileImporter().importClasses(OutboxWritingAdapter.class));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(detail -> assertThat(detail).contains("ProviderOutbox"));
    }

    /** The rule is not too strict either: the SPI and the adapter's own package are allowed. */
    @Test
    void anAdapterKeepingToTheSpiPasses() {
        assertThat(ArchitectureTests.ADAPTERS_USE_ONLY_THE_SPI
                .evaluate(new ClassFileImporter().importClasses(SpiOnlyAdapter.class, SpiOnlyAdapter.Settings.class))
                .hasViolation()).isFalse();
    }

    @Test
    void aModuleReachingIntoAnothersInternalsFailsVerification() {
        ApplicationModules fixture = ApplicationModules.of(FixtureApplication.class, location -> true);
        assertThatThrownBy(fixture::verify).hasMessageContaining("AlphaSecret");
    }
}
