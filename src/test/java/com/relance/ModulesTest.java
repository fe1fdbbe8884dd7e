package com.relance;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Top-level packages are capabilities; this keeps their dependencies acyclic and explicit. */
class ModulesTest {

    @Test
    void capabilitiesDependOnEachOtherWithoutCycles() {
        ApplicationModules.of(RelanceApplication.class).verify();
    }
}
