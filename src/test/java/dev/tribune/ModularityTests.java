package dev.tribune;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries of STYLE.md, verified: no cycles, and no module reaching into another's internals.
 * Also writes the module documentation (target/spring-modulith-docs).
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(TribuneApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeDocumentation().writeIndividualModulesAsPlantUml();
    }
}
